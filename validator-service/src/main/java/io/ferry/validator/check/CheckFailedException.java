package io.ferry.validator.check;

import java.sql.SQLException;

/** A check's query failed: validation cannot give a verdict. Names the check and the SQL state only. */
public final class CheckFailedException extends RuntimeException {

    public CheckFailedException(String what, SQLException cause) {
        super(what + " failed (SQLSTATE " + cause.getSQLState() + ")", cause);
    }
}
