package io.ferry.planning;

/** No tenant row has the district's key: the district does not exist in PROD. */
public final class UnknownDistrictException extends ClosureException {
    public UnknownDistrictException(String message) {
        super(message);
    }
}
