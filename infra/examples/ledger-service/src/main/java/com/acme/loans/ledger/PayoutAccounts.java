package com.acme.loans.ledger;

import com.acme.loans.contract.ledger.PayoutAccountRefused;
import com.acme.loans.contract.ledger.PayoutAccountVerified;
import com.acme.loans.contract.ledger.VerifyPayoutAccount;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/** The accounts loans are paid into, one per borrower; only an open one takes a payout. */
class PayoutAccounts {

    private final JdbcTemplate jdbc;

    PayoutAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    VerifyPayoutAccount.Reply verify(VerifyPayoutAccount command) {
        List<String[]> accounts = jdbc.query("SELECT account_id, status FROM payout_account WHERE borrower_id = ?",
                (rs, i) -> new String[] {rs.getString("account_id"), rs.getString("status")}, command.borrowerId());
        if (accounts.isEmpty()) {
            return new PayoutAccountRefused(command.loanId(), "borrower " + command.borrowerId()
                    + " has no payout account");
        }
        String accountId = accounts.get(0)[0];
        String status = accounts.get(0)[1];
        if (!"OPEN".equals(status)) {
            return new PayoutAccountRefused(command.loanId(), "payout account " + accountId + " is "
                    + status.toLowerCase(Locale.ROOT));
        }
        return new PayoutAccountVerified(command.loanId(), accountId);
    }
}
