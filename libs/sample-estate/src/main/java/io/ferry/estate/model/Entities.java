package io.ferry.estate.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The entities of one district. Keys are local indices (0-based) inside the district; the global
 * surrogate key is {@code base + local + 1} with the bases of {@link DistrictModel}.
 */
public final class Entities {
    private Entities() {
    }

    public enum Kind { STUDENT, STAFF, GUARDIAN;
        public String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Level { ELEMENTARY(0, 5), MIDDLE(6, 8), HIGH(9, 12);
        public final int lowGrade;
        public final int highGrade;

        Level(int lo, int hi) {
            this.lowGrade = lo;
            this.highGrade = hi;
        }
    }

    public record School(int local, String code, String name, Level level, int parentLocal, String street, String zip,
                         LocalDate opened) {
        public School withName(String n) {
            return new School(local, code, n, level, parentLocal, street, zip, opened);
        }
    }

    /** Mutable while the district is built (honeytokens and cross-district plants overwrite fields). */
    public static final class Person {
        public int local;
        public Kind kind;
        public int schoolLocal = -1;
        public String first;
        public String last;
        public String gender;
        public LocalDate birth;
        public String email;
        public String phone;
        public String stateId;
        public int grade = -1;
        public UUID uuid;
        public String street;
        public String city;
        public String zip;
        public String emergencyName;
        public String emergencyPhone;
        public LocalDate since;
        /** District index and local index of the school the student transferred from, -1 for none. */
        public int previousSchoolDistrict = -1;
        public int previousSchoolLocal = -1;
        public int account = -1;
        public String title;
    }

    public record Account(int personLocal, UUID id, String username, String email, byte[] passwordHash,
                          Instant lastLogin, String lastIp, boolean active, String[] roles, Instant created) {
    }

    /** guardianDistrict is the district index of the guardian (another district for the planted cross-tenant link). */
    public record GuardianLink(int guardianDistrict, int guardianLocal, int studentLocal, String relationship, boolean primary) {
    }

    public record StaffAssignment(int staffLocal, int schoolLocal, String role, LocalDate start, java.math.BigDecimal fte) {
    }

    public record Session(String code, String parentCode, String kind, LocalDate start, LocalDate end) {
    }

    public record Course(int local, int schoolLocal, String code, String title, String subject, int creditsHundredths,
                         int prereqLocal, String legacyCode) {
    }

    public record Section(int local, int courseLocal, int schoolLocal, String sessionCode, String room, int capacity,
                          int period, LocalDate termStart, LocalDate termEnd) {
    }

    public record SectionTeacher(int sectionLocal, int staffLocal, String role) {
    }

    public record Enrollment(int sectionLocal, int studentLocal, LocalDate entry, LocalDate exit, String status) {
    }

    public record GradingPeriod(int local, int gradebookLocal, String name, LocalDate start, LocalDate end) {
    }

    /** One per section (local = section local); currentPeriodLocal closes the NOT NULL cycle. */
    public record Gradebook(int local, int sectionLocal, int currentPeriodLocal, String scale) {
    }

    public record Assignment(int local, int sectionLocal, String title, String category, Instant due, int pointsPossible) {
    }

    /** personOverride is a global person id that does not exist (the planted dangling reference), else 0. */
    public record Submission(int local, int assignmentLocal, int studentLocal, long personOverride, Instant submittedAt,
                             String status, String comment, int graderLocal) {
    }

    public record Grade(int local, int sectionLocal, int studentLocal, int periodLocal, int earnedHundredths,
                        int possibleHundredths, String letter) {
    }

    public record Attendance(int studentLocal, int sectionLocal, LocalDate date, String status, int minutesLate) {
    }

    public record AssessmentResult(int local, int studentLocal, String code, int scaleScore, LocalDate takenOn, String level) {
    }

    /** personLocal -1 with orphanPersonId set: an event of a person that does not exist (an orphan). */
    public record Event(int local, int personLocal, long orphanPersonId, int schoolLocal, String type, Instant at,
                        String ip, String userAgent, UUID sessionId, int sectionLocal) {
    }

    public record DailyUsage(LocalDate date, int schoolLocal, int personLocal, long orphanPersonId, int sessions,
                             int minutes, String device) {
    }

    public record ReportSnapshot(int local, int schoolLocal, Instant takenAt, String kind, int enrolled,
                                 int attendanceBasisPoints, int activeUsers) {
    }

    /** A graph connection between two people; toDistrict differs for the planted cross-district one. */
    public record Connection(int fromLocal, int toDistrict, int toLocal, LocalDate since, String kind) {
    }
}
