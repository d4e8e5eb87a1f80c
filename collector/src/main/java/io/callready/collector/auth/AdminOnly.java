package io.callready.collector.auth;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs a staff token with the admin role (the bootstrap admin token counts). The token may still be
 * limited to one customer: endpoints touching tenant data check {@link Caller#requireWritable} or
 * {@link Caller#canSee} as well.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {
}
