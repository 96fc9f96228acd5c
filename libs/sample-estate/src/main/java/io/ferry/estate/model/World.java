package io.ferry.estate.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A whole environment's data (PROD or CERT) as a pure function of (districts, seed, asOf). Holds
 * the planted cross-district and dirty rows so that bookkeeping can name them.
 */
public final class World {
    public final boolean cert;
    public final long seed;
    public final Instant asOf;
    public final LocalDate asOfDate;
    /** First calendar year of the current school year. */
    public final int schoolYear;
    public final List<Entities.Session> sessions;
    public final List<DistrictModel> districts;
    public final Plants plants;

    World(boolean cert, long seed, Instant asOf, int schoolYear, List<Entities.Session> sessions,
          List<DistrictModel> districts, Plants plants) {
        this.cert = cert;
        this.seed = seed;
        this.asOf = asOf;
        this.asOfDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        this.schoolYear = schoolYear;
        this.sessions = sessions;
        this.districts = districts;
        this.plants = plants;
    }

    public DistrictModel district(int index) {
        return districts.get(index);
    }

    public DistrictModel lowest() {
        return districts.get(districts.size() - 1);
    }

    /** One honeytoken person: fixed identity placed on a student of a district. */
    public record HoneytokenPerson(int district, int personLocal, String first, String last, String email, String phone,
                                   String stateId, String username, int submissionLocal, int eventLocal) {
    }

    /** Where the planted rows are; null/empty in CERT. */
    public record Plants(List<HoneytokenPerson> honeytokens,
                         int transferDistrict, int transferStudentLocal,
                         int crossGuardianDistrict, int crossGuardianLocal, int crossGuardianStudentDistrict, int crossGuardianStudentLocal,
                         int connectionFromDistrict, int connectionFromLocal, int connectionToDistrict, int connectionToLocal,
                         int checkViolationEnrollment, int longNameSchool, int danglingSubmission, long danglingPersonId) {
    }
}
