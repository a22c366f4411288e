-- Stock per SKU. A unit is in exactly one of three places, so on_hand + reserved + deducted never changes.
CREATE TABLE stock (
  sku              text PRIMARY KEY,
  on_hand          int  NOT NULL CHECK (on_hand >= 0),
  reserved         int  NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  deducted         int  NOT NULL DEFAULT 0 CHECK (deducted >= 0),
  warehouse_status text NOT NULL DEFAULT 'OK'
);

-- What each order holds, per SKU; the status says where the held units went.
CREATE TABLE reservation (
  order_id   uuid        NOT NULL,
  sku        text        NOT NULL REFERENCES stock (sku),
  quantity   int         NOT NULL CHECK (quantity > 0),
  status     text        NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'DEDUCTED')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, sku)
);
