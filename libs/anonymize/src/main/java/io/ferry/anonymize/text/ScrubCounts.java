package io.ferry.anonymize.text;

/** How many replacements of each kind a call made (for the run report; never values). */
public record ScrubCounts(long email, long phone, long ssn, long name, long id) {

    public static final ScrubCounts ZERO = new ScrubCounts(0, 0, 0, 0, 0);

    public long total() {
        return email + phone + ssn + name + id;
    }

    public long get(PiiKind kind) {
        return switch (kind) {
            case EMAIL -> email;
            case PHONE -> phone;
            case SSN -> ssn;
            case NAME -> name;
            case ID -> id;
        };
    }

    public ScrubCounts plus(ScrubCounts o) {
        return new ScrubCounts(email + o.email, phone + o.phone, ssn + o.ssn, name + o.name, id + o.id);
    }

    static ScrubCounts of(long[] byKind) {
        return new ScrubCounts(byKind[PiiKind.EMAIL.ordinal()], byKind[PiiKind.PHONE.ordinal()],
                byKind[PiiKind.SSN.ordinal()], byKind[PiiKind.NAME.ordinal()], byKind[PiiKind.ID.ordinal()]);
    }
}
