package dev.saga.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What a service's HTTP API accepts ({@code saga.http.*}).
 *
 * @param maxBodySize the largest request body the HTTP API accepts; a larger one is refused with 413
 */
@ConfigurationProperties("saga.http")
public record HttpSettings(@DefaultValue("64KB") DataSize maxBodySize) {
}
