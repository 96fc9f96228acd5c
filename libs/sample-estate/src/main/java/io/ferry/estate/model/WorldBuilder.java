package io.ferry.estate.model;

import io.ferry.estate.model.Entities.*;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/** Builds a {@link World}: districts in parallel (each from its own seeded streams), then global keys and plants. */
public final class WorldBuilder {

    /** A district to build: code, students. */
    public record Plan(String code, int students) {
    }

    public static final long DANGLING_PERSON_ID = 99_000_001L;
    public static final long ORPHAN_PERSON_BASE = 98_000_000L;

    private static final String[][] HONEYTOKENS = {
        {"Thea", "Vandermolen", "thea.vandermolen@gmail.com", "(458) 319-7026", "0417365928", "tvandermolen"},
        {"Cassius", "Okonkwo-Reyes", "cassius.okonkworeyes@outlook.com", "(564) 208-4417", "0582039174", "cokonkworeyes"},
        {"Linnea", "Abernathy-Soto", "linnea.abernathysoto@yahoo.com", "(458) 640-1193", "0739102846", "labernathysoto"},
    };

    private final long seed;
    private final Instant asOf;
    private final LocalDate today;
    private final boolean cert;
    private final String prefix;
    private final int schoolYear;
    private final List<Session> sessions;
    private final Pools pools = Pools.get();
    private final long tagA;
    private final long tagB;
    private final long sidA;
    private final long sidB;

    private WorldBuilder(long seed, Instant asOf, boolean cert) {
        this.seed = seed;
        this.asOf = asOf;
        this.today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        this.cert = cert;
        this.prefix = cert ? "cert/" : "prod/";
        // the school year whose first three weeks have passed: early in a new year, the previous one is
        // still the one with data (so every term of the world has started and holds coursework)
        this.schoolYear = today.isBefore(LocalDate.of(today.getYear(), 9, 15)) ? today.getYear() - 1 : today.getYear();
        this.sessions = sessions(schoolYear);
        Rng r = Rng.of(seed, prefix + "tags", 0);
        this.tagA = coprime10(r.nextLong());
        this.tagB = Math.floorMod(r.nextLong(), 10_000_000L);
        this.sidA = coprime10(r.nextLong());
        this.sidB = Math.floorMod(r.nextLong(), 9_000_000_000L);
    }

    /** The PROD world of a preset: districts district-001.. with the planted rows. */
    public static World prod(List<Integer> studentsPerDistrict, long seed, Instant asOf) {
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < studentsPerDistrict.size(); i++) {
            plans.add(new Plan(String.format(Locale.ROOT, "district-%03d", i + 1), studentsPerDistrict.get(i)));
        }
        return new WorldBuilder(seed, asOf, false).build(plans);
    }

    /** CERT's own test districts (cert-qa-001, cert-qa-002): clean data, keys overlapping PROD's. */
    public static World cert(long seed, Instant asOf) {
        List<Plan> plans = List.of(new Plan("cert-qa-001", 240), new Plan("cert-qa-002", 150));
        return new WorldBuilder(seed, asOf, true).build(plans);
    }

    static List<Session> sessions(int y) {
        List<Session> out = new ArrayList<>();
        for (int year = y - 1; year <= y; year++) {
            String code = year + "-" + String.format(Locale.ROOT, "%02d", (year + 1) % 100);
            out.add(new Session(code, null, "school_year", LocalDate.of(year, 8, 15), LocalDate.of(year + 1, 6, 15)));
            out.add(new Session(code + "-T1", code, "term", LocalDate.of(year, 8, 26), LocalDate.of(year, 12, 20)));
            out.add(new Session(code + "-T2", code, "term", LocalDate.of(year + 1, 1, 6), LocalDate.of(year + 1, 6, 12)));
        }
        return List.copyOf(out);
    }

    private static long coprime10(long x) {
        long a = Math.floorMod(x, 10_000_000L);
        // odd, not a multiple of 5, not 1: coprime with 10^7 and 9*10^9
        a = a | 1;
        while (a % 5 == 0 || a % 3 == 0 || a < 1000) {
            a += 2;
        }
        return a;
    }

    private World build(List<Plan> plans) {
        List<DistrictModel> districts = IntStream.range(0, plans.size()).parallel()
                .mapToObj(i -> buildDistrict(i, plans.get(i), plans.size()))
                .toList();
        long person = 0, school = 0, course = 0, section = 0, period = 0, assignment = 0, submission = 0, grade = 0,
                assessment = 0, event = 0, snapshot = 0;
        for (DistrictModel d : districts) {
            d.personBase = person;
            d.schoolBase = school;
            d.courseBase = course;
            d.sectionBase = section;
            d.periodBase = period;
            d.assignmentBase = assignment;
            d.submissionBase = submission;
            d.gradeBase = grade;
            d.assessmentBase = assessment;
            d.eventBase = event;
            d.snapshotBase = snapshot;
            person += d.persons.size();
            school += d.schools.size();
            course += d.courses.size();
            section += d.sections.size();
            period += d.gradingPeriods.size();
            assignment += d.assignments.size();
            submission += d.submissions.size();
            grade += d.grades.size();
            assessment += d.assessments.size();
            event += d.events.size();
            snapshot += d.snapshots.size();
        }
        World.Plants plants = cert ? null : crossDistrictPlants(districts);
        return new World(cert, seed, asOf, schoolYear, sessions, districts, plants);
    }

    /** Rows that reference another district: all owned by district-001 and pointing into district-002. */
    private World.Plants crossDistrictPlants(List<DistrictModel> ds) {
        DistrictModel a = ds.get(0);
        DistrictModel b = ds.get(1);
        Rng r = Rng.of(seed, prefix + "cross", 0);
        // transferred student: a district-001 student who came from a district-002 school
        int transfer = firstStudent(a, a.students / 2, 1);
        Person t = a.persons.get(transfer);
        t.previousSchoolDistrict = b.index;
        t.previousSchoolLocal = r.nextInt(b.schools.size());
        // a guardian living in district-002 linked to a district-001 student
        int guardian = b.students + b.staff + r.nextInt(b.guardians());
        int child = firstStudent(a, a.students / 3 + 7, 0);
        a.guardianLinks.add(new GuardianLink(b.index, guardian, child, "father", false));
        // a graph connection from a district-001 student to a district-002 student
        int from = firstStudent(a, a.students / 4, 0);
        int to = firstStudent(b, b.students / 4, 0);
        a.connections.add(new Connection(from, b.index, to, today.minusDays(200), "summer_camp"));

        DistrictModel low = ds.get(ds.size() - 1);
        List<World.HoneytokenPerson> hts = new ArrayList<>();
        for (DistrictModel d : ds) {
            hts.addAll(honeytokensOf(d));
        }
        return new World.Plants(List.copyOf(hts), a.index, transfer, b.index, guardian, a.index, child,
                a.index, from, b.index, to, 0, low.schools.size() - 1, low.submissions.size() - 1, DANGLING_PERSON_ID);
    }

    private static int firstStudent(DistrictModel d, int from, int minGrade) {
        for (int i = from; i < d.students; i++) {
            if (d.persons.get(i).grade >= minGrade && d.persons.get(i).previousSchoolLocal < 0) {
                return i;
            }
        }
        throw new IllegalStateException("no student in " + d.code);
    }

    private List<World.HoneytokenPerson> honeytokensOf(DistrictModel d) {
        List<World.HoneytokenPerson> out = new ArrayList<>();
        for (HoneytokenSlot s : slots) {
            if (s.district == d.index) {
                String[] h = HONEYTOKENS[s.which];
                out.add(new World.HoneytokenPerson(d.index, s.personLocal, h[0], h[1], h[2], h[3], h[4], h[5],
                        s.submissionLocal, s.eventLocal));
            }
        }
        return out;
    }

    private record HoneytokenSlot(int which, int district, int personLocal, int submissionLocal, int eventLocal) {
    }

    private final List<HoneytokenSlot> slots = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The honeytoken placed in a district, or -1: district-001, district-002 and the lowest-ranked district. */
    private int honeytokenFor(int index, int count) {
        if (cert) {
            return -1;
        }
        if (index == 0) {
            return 0;
        }
        if (index == 1) {
            return 1;
        }
        return index == count - 1 ? 2 : -1;
    }

    // ------------------------------------------------------------------ one district

    private DistrictModel buildDistrict(int index, Plan plan, int count) {
        Rng r = Rng.of(seed, prefix + "district", index);
        Reference.State state = Reference.STATES.get(Math.floorMod(index + (int) Math.floorMod(seed, 7L), Reference.STATES.size()));
        String city = cityFor(index);
        String name = cert ? "QA Test District " + (char) ('A' + index)
                : city + r.pick(new String[] {" Unified School District", " Public Schools", " School District", " County Schools"});
        String slug = (cert ? "qa" + (char) ('a' + index) : city).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        String domain = slug + ".k12." + state.code().toLowerCase(Locale.ROOT) + ".us";
        int staff = (int) Math.round(plan.students() * 8000.0 / 75000.0);
        DistrictModel d = new DistrictModel(index, plan.code(), name, city, state, domain, plan.students(), staff);
        schools(d);
        people(d);
        int ht = honeytokenFor(index, count);
        int htPerson = ht >= 0 ? placeHoneytoken(d, ht) : -1;
        accounts(d, htPerson);
        classes(d);
        coursework(d, htPerson);
        analytics(d, htPerson, ht);
        graphConnections(d);
        if (!cert && index == count - 1) {
            dirty(d);
        }
        if (ht >= 0) {
            int sub = -1;
            int ev = -1;
            for (Submission s : d.submissions) {
                if (s.studentLocal() == htPerson && s.comment() != null && s.comment().contains(HONEYTOKENS[ht][2])) {
                    sub = s.local();
                }
            }
            for (Event e : d.events) {
                if (e.personLocal() == htPerson && e.type().equals("update_profile")) {
                    ev = e.local();
                }
            }
            slots.add(new HoneytokenSlot(ht, index, htPerson, sub, ev));
        }
        return d;
    }

    private String cityFor(int index) {
        // distinct cities per district: walk the pool with a seed-dependent odd stride
        int n = pools.cities.size();
        int start = (int) Math.floorMod(Rng.mix(seed ^ 0x5eed), (long) n);
        int stride = 1 + 2 * (int) Math.floorMod(Rng.mix(seed + 17), 50L);
        while (gcd(stride, n) != 1) {
            stride += 2;
        }
        return pools.cities.get(Math.floorMod(start + (cert ? 97 + index : index) * stride, n));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private void schools(DistrictModel d) {
        Rng r = Rng.of(seed, prefix + "schools", d.index);
        int n = Math.max(3, (int) Math.round(d.students / 500.0));
        int high = Math.max(1, (int) Math.round(n * 0.2));
        int middle = Math.max(1, (int) Math.round(n * 0.2));
        Set<String> names = new LinkedHashSet<>();
        boolean hasAnnex = false;
        for (int i = 0; i < n; i++) {
            Level level = i < n - high - middle ? Level.ELEMENTARY : i < n - high ? Level.MIDDLE : Level.HIGH;
            String[] tails = switch (level) {
                case ELEMENTARY -> Reference.SCHOOL_NAME_TAILS_ELEMENTARY;
                case MIDDLE -> Reference.SCHOOL_NAME_TAILS_MIDDLE;
                case HIGH -> Reference.SCHOOL_NAME_TAILS_HIGH;
            };
            String nm;
            int tries = 0;
            do {
                String head = r.chance(0.55) ? r.pick(Reference.SCHOOL_NAME_HEADS) : r.pick(pools.last);
                nm = head + " " + r.pick(tails);
                if (++tries > 5) {
                    nm = r.pick(pools.last) + " " + r.pick(Reference.SCHOOL_NAME_HEADS) + " " + r.pick(tails);
                }
            } while (!names.add(nm));
            // annexes (self-reference); every district has at least one: its last school
            boolean annex = i > 0 && (r.chance(0.1) || (i == n - 1 && !hasAnnex));
            int parent = annex ? r.nextInt(i) : -1;
            hasAnnex |= annex;
            String code = level.name().charAt(0) + String.format(Locale.ROOT, "%03d", i + 1);
            d.schools.add(new School(i, code, nm, level, parent, address(r), zip(r, d.state),
                    LocalDate.of(1950 + r.nextInt(65), 1 + r.nextInt(12), 1 + r.nextInt(28))));
        }
    }

    private String address(Rng r) {
        return (100 + r.nextInt(9800)) + " " + r.pick(pools.streets);
    }

    private static String zip(Rng r, Reference.State s) {
        return s.zipPrefix() + String.format(Locale.ROOT, "%03d", r.nextInt(1000));
    }

    private static String phone(Rng r, Reference.State s) {
        int area = s.areaCodes()[r.nextInt(s.areaCodes().length)];
        int exchange;
        do {
            exchange = 201 + r.nextInt(799);
        } while (exchange == 555 || exchange % 100 == 11);
        return String.format(Locale.ROOT, "(%d) %03d-%04d", area, exchange, r.nextInt(10000));
    }

    private long tag(DistrictModel d, int local) {
        long x = d.index * 600_000L + local;
        return Math.floorMod(tagA * x + tagB, 10_000_000L);
    }

    private String stateId(DistrictModel d, int local) {
        long x = d.index * 600_000L + local;
        return Long.toString(1_000_000_000L + Math.floorMod(sidA * x + sidB, 9_000_000_000L));
    }

    private static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private Person newPerson(DistrictModel d, Rng r, Kind kind, String last) {
        Person p = new Person();
        p.local = d.persons.size();
        p.kind = kind;
        p.gender = r.chance(0.5) ? "F" : "M";
        p.first = r.pick(p.gender.equals("F") ? pools.femaleFirst : pools.maleFirst);
        p.last = last != null ? last : r.pick(pools.last);
        p.uuid = r.uuid();
        p.phone = phone(r, d.state);
        p.street = address(r);
        p.city = r.chance(0.85) ? d.city : r.pick(pools.cities);
        p.zip = zip(r, d.state);
        long t = tag(d, p.local);
        String localPart = letters(p.first) + "." + letters(p.last) + t;
        p.email = switch (kind) {
            case STUDENT -> localPart + "@students." + d.domain;
            case STAFF -> localPart + "@" + d.domain;
            case GUARDIAN -> localPart + "@" + r.pick(Reference.GUEST_DOMAINS);
        };
        d.persons.add(p);
        return p;
    }

    private void people(DistrictModel d) {
        Rng r = Rng.of(seed, prefix + "people", d.index);
        List<List<Integer>> schoolsByLevel = new ArrayList<>();
        for (Level l : Level.values()) {
            List<Integer> ids = new ArrayList<>();
            for (School s : d.schools) {
                if (s.level() == l) {
                    ids.add(s.local());
                }
            }
            schoolsByLevel.add(ids);
        }
        // families: students first (locals 0..S-1); guardians are created after staff
        record PendingGuardian(String last, boolean alt, List<Integer> children) {
        }
        List<PendingGuardian> pending = new ArrayList<>();
        LocalDate sep1 = LocalDate.of(schoolYear, 9, 1);
        while (d.persons.size() < d.students) {
            double f = r.nextDouble();
            int size = f < 0.25 ? 1 : f < 0.70 ? 2 : f < 0.98 ? 3 : 4;
            size = Math.min(size, d.students - d.persons.size());
            String familyLast = r.pick(pools.last);
            List<Integer> kids = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                Person p = newPerson(d, r, Kind.STUDENT, r.chance(0.85) ? familyLast : null);
                p.grade = r.nextInt(13);
                Level level = p.grade <= 5 ? Level.ELEMENTARY : p.grade <= 8 ? Level.MIDDLE : Level.HIGH;
                List<Integer> options = schoolsByLevel.get(level.ordinal());
                p.schoolLocal = options.get(r.nextInt(options.size()));
                p.birth = sep1.minusYears(6L + p.grade).plusDays(r.nextInt(365));
                p.stateId = stateId(d, p.local);
                p.since = LocalDate.of(schoolYear - r.nextInt(Math.max(1, p.grade + 1)), 8, 26);
                if (r.chance(0.02)) {
                    List<Integer> same = schoolsByLevel.get(level.ordinal());
                    int prev = same.get(r.nextInt(same.size()));
                    if (prev != p.schoolLocal) {
                        p.previousSchoolLocal = prev;
                        p.previousSchoolDistrict = d.index;
                    }
                }
                kids.add(p.local);
            }
            int guardians = r.chance(0.9) ? 1 : 2;
            for (int g = 0; g < guardians; g++) {
                pending.add(new PendingGuardian(familyLast, g == 1 || r.chance(0.1), kids));
            }
        }
        // staff: spread over schools in proportion to their students
        int[] perSchool = new int[d.schools.size()];
        for (int i = 0; i < d.students; i++) {
            perSchool[d.persons.get(i).schoolLocal]++;
        }
        int[] staffPerSchool = new int[perSchool.length];
        int assigned = 0;
        for (int s = 0; s < perSchool.length; s++) {
            staffPerSchool[s] = (int) ((long) d.staff * perSchool[s] / d.students);
            assigned += staffPerSchool[s];
        }
        for (int s = 0; assigned < d.staff; s = (s + 1) % perSchool.length) {
            staffPerSchool[s]++;
            assigned++;
        }
        d.principals = new int[perSchool.length];
        java.util.Arrays.fill(d.principals, -1);
        for (int s = 0; s < perSchool.length; s++) {
            for (int k = 0; k < staffPerSchool[s]; k++) {
                Person p = newPerson(d, r, Kind.STAFF, null);
                p.schoolLocal = s;
                p.birth = today.minusYears(23 + r.nextInt(42)).minusDays(r.nextInt(365));
                int maxYears = (int) Math.max(1, ChronoUnit.YEARS.between(p.birth.plusYears(22), today));
                p.since = LocalDate.of(today.getYear() - r.nextInt(Math.min(maxYears, 30)), 8, 1 + r.nextInt(20));
                String role;
                if (k == 0) {
                    // the last school of every district (and a few others) has no principal: a NULL in the cycle
                    role = s < perSchool.length - 1 && r.chance(0.9) ? "principal" : "assistant principal";
                    if (role.equals("principal")) {
                        d.principals[s] = p.local;
                    }
                } else if (k % 23 == 1) {
                    role = "counselor";
                } else if (k % 31 == 2) {
                    role = "nurse";
                } else if (k % 29 == 3) {
                    role = "librarian";
                } else if (k % 11 == 4) {
                    role = "instructional aide";
                } else {
                    role = "teacher";
                }
                p.title = role;
                p.emergencyName = r.pick(pools.femaleFirst) + " " + r.pick(pools.last);
                p.emergencyPhone = phone(r, d.state);
                boolean second = d.schools.size() > 1 && r.chance(0.1) && role.equals("teacher");
                d.staffAssignments.add(new StaffAssignment(p.local, s, role, p.since,
                        second ? new java.math.BigDecimal("0.80") : new java.math.BigDecimal("1.00")));
                if (second) {
                    int other = (s + 1 + r.nextInt(d.schools.size() - 1)) % d.schools.size();
                    d.staffAssignments.add(new StaffAssignment(p.local, other, "itinerant teacher",
                            today.minusDays(30 + r.nextInt(700)), new java.math.BigDecimal("0.20")));
                }
            }
        }
        // guardians
        for (PendingGuardian pg : pending) {
            Person g = newPerson(d, r, Kind.GUARDIAN, pg.alt() && r.chance(0.5) ? null : pg.last());
            g.birth = today.minusYears(26 + r.nextInt(37)).minusDays(r.nextInt(365));
            g.since = d.persons.get(pg.children().get(0)).since;
            String rel;
            if (r.chance(0.08)) {
                rel = g.gender.equals("F") ? "grandmother" : "grandfather";
            } else if (r.chance(0.04)) {
                rel = "legal guardian";
            } else {
                rel = g.gender.equals("F") ? "mother" : "father";
            }
            boolean primary = !pg.alt();
            for (int child : pg.children()) {
                d.guardianLinks.add(new GuardianLink(d.index, g.local, child, rel, primary));
                Person c = d.persons.get(child);
                if (c.emergencyName == null || primary) {
                    c.emergencyName = g.first + " " + g.last;
                    c.emergencyPhone = g.phone;
                }
            }
        }
    }

    private int placeHoneytoken(DistrictModel d, int which) {
        int local = firstStudent(d, d.students / 3, 9);
        String[] h = HONEYTOKENS[which];
        Person p = d.persons.get(local);
        p.first = h[0];
        p.last = h[1];
        p.email = h[2];
        p.phone = h[3];
        p.stateId = h[4];
        return local;
    }

    private void accounts(DistrictModel d, int htPerson) {
        Rng r = Rng.of(seed, prefix + "accounts", d.index);
        for (Person p : d.persons) {
            boolean has = switch (p.kind) {
                case STAFF -> true;
                case STUDENT -> p.local == htPerson || (p.grade >= 6 && r.chance(0.55));
                case GUARDIAN -> r.chance(0.3);
            };
            if (!has) {
                continue;
            }
            String base = (letters(p.first).isEmpty() ? "u" : letters(p.first).substring(0, 1)) + letters(p.last);
            if (base.length() > 14) {
                base = base.substring(0, 14);
            }
            String username = p.local == htPerson ? HONEYTOKENS[honeytokenIndex(p)][5] : base + tag(d, p.local);
            String[] roles = switch (p.kind) {
                case STUDENT -> new String[] {"student"};
                case GUARDIAN -> new String[] {"guardian"};
                case STAFF -> p.title.equals("principal") || p.title.equals("assistant principal")
                        ? new String[] {"staff", "school-admin", "gradebook-admin"}
                        : p.title.contains("teacher") ? new String[] {"staff", "teacher"} : new String[] {"staff"};
            };
            Instant last = r.chance(0.05) ? null : asOf.minusSeconds(60L + r.nextInt(45 * 86400));
            p.account = d.accounts.size();
            d.accounts.add(new Account(p.local, r.uuid(), username, p.email, r.bytes(32), last, ip(d, r, p),
                    r.chance(0.97), roles, asOf.minus(100 + r.nextInt(1400), ChronoUnit.DAYS).minusSeconds(r.nextInt(86400))));
        }
    }

    private int honeytokenIndex(Person p) {
        for (int i = 0; i < HONEYTOKENS.length; i++) {
            if (HONEYTOKENS[i][2].equals(p.email)) {
                return i;
            }
        }
        throw new IllegalStateException("not a honeytoken");
    }

    private static String ip(DistrictModel d, Rng r, Person p) {
        if (p.kind == Kind.GUARDIAN || r.chance(0.2)) {
            return r.pick(Reference.PUBLIC_IP_FIRST_OCTETS) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        }
        return "10." + (d.index % 250 + 1) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private void classes(DistrictModel d) {
        Rng r = Rng.of(seed, prefix + "classes", d.index);
        Session t1 = sessions.get(4);
        Session t2 = sessions.get(5);
        List<List<Integer>> studentsBySchool = new ArrayList<>();
        List<List<Integer>> teachersBySchool = new ArrayList<>();
        for (int s = 0; s < d.schools.size(); s++) {
            studentsBySchool.add(new ArrayList<>());
            teachersBySchool.add(new ArrayList<>());
        }
        for (Person p : d.persons) {
            if (p.kind == Kind.STUDENT) {
                studentsBySchool.get(p.schoolLocal).add(p.local);
            } else if (p.kind == Kind.STAFF && p.title.contains("teacher")) {
                teachersBySchool.get(p.schoolLocal).add(p.local);
            }
        }
        for (School s : d.schools) {
            List<Reference.CatalogEntry> catalog = switch (s.level()) {
                case ELEMENTARY -> Reference.ELEMENTARY;
                case MIDDLE -> Reference.MIDDLE;
                case HIGH -> Reference.HIGH;
            };
            int firstCourse = d.courses.size();
            for (int c = 0; c < catalog.size(); c++) {
                Reference.CatalogEntry e = catalog.get(c);
                String code = e.subject() + "-" + (s.level().ordinal() + 1) + String.format(Locale.ROOT, "%03d", c + 1);
                d.courses.add(new Course(d.courses.size(), s.local(), code, e.title(), e.subject(), e.credits(),
                        e.prereq() < 0 ? -1 : firstCourse + e.prereq(),
                        r.chance(0.7) ? "SIS-" + String.format(Locale.ROOT, "%06d", r.nextInt(1_000_000)) : null));
            }
            List<Integer> kids = studentsBySchool.get(s.local());
            int[] want = new int[kids.size()];
            int seats = 0;
            for (int i = 0; i < kids.size(); i++) {
                want[i] = r.chance(0.8) ? 2 : 3;
                seats += want[i];
            }
            int n = Math.max(3, (seats + 25) / 26);
            int firstSection = d.sections.size();
            List<Integer> teachers = teachersBySchool.get(s.local());
            for (int i = 0; i < n; i++) {
                int course = firstCourse + (i % catalog.size());
                Session term = (i / catalog.size()) % 2 == 0 ? t1 : t2;
                int local = d.sections.size();
                d.sections.add(new Section(local, course, s.local(), term.code(), "Room " + (100 + r.nextInt(250)),
                        26 + r.nextInt(7), 1 + (i % 7), term.start(), term.end()));
                if (!teachers.isEmpty()) {
                    int t = teachers.get(i % teachers.size());
                    d.sectionTeachers.add(new SectionTeacher(local, t, "primary"));
                    if (teachers.size() > 1 && r.chance(0.15)) {
                        int co = teachers.get((i + 1 + r.nextInt(teachers.size() - 1)) % teachers.size());
                        d.sectionTeachers.add(new SectionTeacher(local, co, "co-teacher"));
                    }
                }
            }
            for (int i = 0; i < kids.size(); i++) {
                int k = Math.min(want[i], n);
                int[] chosen = new int[k];
                for (int j = 0; j < k; j++) {
                    int pick;
                    boolean dup;
                    do {
                        pick = r.nextInt(n);
                        dup = false;
                        for (int q = 0; q < j; q++) {
                            dup |= chosen[q] == pick;
                        }
                    } while (dup);
                    chosen[j] = pick;
                    Section sec = d.sections.get(firstSection + pick);
                    LocalDate entry = r.chance(0.9) ? sec.termStart() : sec.termStart().plusDays(1 + r.nextInt(30));
                    LocalDate exit = null;
                    String status;
                    if (today.isBefore(sec.termStart())) {
                        status = "scheduled";
                    } else if (today.isAfter(sec.termEnd())) {
                        status = "completed";
                        exit = sec.termEnd();
                    } else if (r.chance(0.03)) {
                        status = "withdrawn";
                        exit = entry.plusDays(5 + r.nextInt(40));
                    } else {
                        status = "active";
                    }
                    d.enrollments.add(new Enrollment(firstSection + pick, kids.get(i), entry, exit, status));
                }
            }
        }
    }

    private LocalDate lastDay(Section s) {
        return today.isBefore(s.termEnd()) ? today.minusDays(1) : s.termEnd();
    }

    private void coursework(DistrictModel d, int htPerson) {
        Rng r = Rng.of(seed, prefix + "coursework", d.index);
        int[] primaryTeacher = new int[d.sections.size()];
        java.util.Arrays.fill(primaryTeacher, -1);
        for (SectionTeacher t : d.sectionTeachers) {
            if (t.role().equals("primary")) {
                primaryTeacher[t.sectionLocal()] = t.staffLocal();
            }
        }
        boolean t2 = false;
        for (Section s : d.sections) {
            LocalDate mid = s.termStart().plusDays(ChronoUnit.DAYS.between(s.termStart(), s.termEnd()) / 2);
            t2 = s.sessionCode().endsWith("T2");
            int p0 = d.gradingPeriods.size();
            d.gradingPeriods.add(new GradingPeriod(p0, s.local(), t2 ? "Quarter 3" : "Quarter 1", s.termStart(), mid));
            d.gradingPeriods.add(new GradingPeriod(p0 + 1, s.local(), t2 ? "Quarter 4" : "Quarter 2", mid.plusDays(1), s.termEnd()));
            int current = today.isAfter(mid) ? p0 + 1 : p0;
            d.gradebooks.add(new Gradebook(s.local(), s.local(), current, r.chance(0.8) ? "percent" : "standards"));
            for (int j = 0; j < 2; j++) {
                LocalDate dueDay;
                if (today.isAfter(s.termStart().plusDays(3))) {
                    long span = Math.max(1, ChronoUnit.DAYS.between(s.termStart(), lastDay(s)));
                    dueDay = s.termStart().plusDays(1 + r.nextInt((int) span));
                } else {
                    dueDay = s.termStart().plusDays(10 + r.nextInt(60));
                }
                String title = String.format(Locale.ROOT, r.pick(Reference.ASSIGNMENT_TITLES), 1 + r.nextInt(9));
                d.assignments.add(new Assignment(d.assignments.size(), s.local(), title, r.pick(Reference.ASSIGNMENT_CATEGORIES),
                        dueDay.atTime(23, 59).toInstant(ZoneOffset.UTC), r.chance(0.7) ? 100 : 10 * (2 + r.nextInt(9))));
            }
        }
        boolean htSubmissionDone = false;
        for (Enrollment e : d.enrollments) {
            Section s = d.sections.get(e.sectionLocal());
            Person p = d.persons.get(e.studentLocal());
            boolean started = today.isAfter(s.termStart().plusDays(3));
            boolean ht = e.studentLocal() == htPerson && !htSubmissionDone;
            if (ht || (started && r.chance(0.22))) {
                Assignment a = d.assignments.get(2 * s.local() + r.nextInt(2));
                Instant at = a.due().isBefore(asOf) ? a.due().minusSeconds(60L * r.nextInt(72 * 60)) : asOf.minusSeconds(2 * 86400);
                String status = r.chance(0.7) ? "graded" : r.chance(0.65) ? "submitted" : "late";
                if (status.equals("late")) {
                    at = a.due().plusSeconds(3600L + r.nextInt(48 * 3600));
                    if (at.isAfter(asOf)) {
                        at = asOf.minusSeconds(3600);
                    }
                }
                String comment = null;
                if (ht) {
                    comment = p.first + " emailed from " + p.email + " asking for an extension; call back at " + p.phone
                            + " before Friday.";
                    status = "submitted";
                    htSubmissionDone = true;
                } else if (r.chance(0.6)) {
                    comment = String.format(Locale.ROOT, r.pick(Reference.COMMENTS), p.first,
                            p.emergencyPhone != null ? p.emergencyPhone : p.phone);
                }
                int grader = status.equals("graded") ? primaryTeacher[s.local()] : -1;
                d.submissions.add(new Submission(d.submissions.size(), a.local(), e.studentLocal(), 0, at, status, comment, grader));
            }
            if (r.chance(0.09)) {
                int period = 2 * s.local() + r.nextInt(2);
                int possible = 10000;
                int earned = 5500 + r.nextInt(4501);
                d.grades.add(new Grade(d.grades.size(), s.local(), e.studentLocal(), period, earned, possible, letter(earned)));
            }
            if (started && r.chance(0.12)) {
                long span = Math.max(1, ChronoUnit.DAYS.between(s.termStart(), lastDay(s)));
                LocalDate day = s.termStart().plusDays(r.nextInt((int) span));
                while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    day = day.minusDays(1);
                }
                double f = r.nextDouble();
                String status = f < 0.5 ? "absent" : f < 0.8 ? "tardy" : "excused";
                d.attendance.add(new Attendance(e.studentLocal(), s.local(), day, status, status.equals("tardy") ? 1 + r.nextInt(25) : 0));
            }
        }
        String[] codes = {"MAP-READ-FALL", "MAP-MATH-FALL", "MAP-READ-WINTER", "MAP-MATH-WINTER", "STATE-ELA", "STATE-MATH", "STATE-SCI"};
        String[] levels = {"Level 1 - Not Met", "Level 2 - Nearly Met", "Level 3 - Met", "Level 4 - Exceeded"};
        for (int i = 0; i < d.students; i++) {
            if (r.chance(0.15)) {
                int score = 2200 + r.nextInt(600);
                d.assessments.add(new AssessmentResult(d.assessments.size(), i, r.pick(codes), score,
                        today.minusDays(5 + r.nextInt(200)), levels[Math.min(3, (score - 2200) / 150)]));
            }
        }
    }

    private static String letter(int earnedHundredths) {
        int pct = earnedHundredths / 100;
        return pct >= 90 ? "A" : pct >= 80 ? "B" : pct >= 70 ? "C" : pct >= 60 ? "D" : "F";
    }

    private void analytics(DistrictModel d, int htPerson, int ht) {
        Rng r = Rng.of(seed, prefix + "analytics", d.index);
        int[] firstSection = new int[d.persons.size()];
        java.util.Arrays.fill(firstSection, -1);
        for (Enrollment e : d.enrollments) {
            if (firstSection[e.studentLocal()] < 0) {
                firstSection[e.studentLocal()] = e.sectionLocal();
            }
        }
        int[] childSchool = new int[d.persons.size()];
        java.util.Arrays.fill(childSchool, -1);
        for (GuardianLink g : d.guardianLinks) {
            if (g.guardianDistrict() == d.index && childSchool[g.guardianLocal()] < 0) {
                childSchool[g.guardianLocal()] = d.persons.get(g.studentLocal()).schoolLocal;
            }
        }
        for (Account a : d.accounts) {
            Person p = d.persons.get(a.personLocal());
            int school = p.schoolLocal >= 0 ? p.schoolLocal : childSchool[p.local];
            int n = 1 + r.nextInt(5);
            for (int i = 0; i < n; i++) {
                String type = r.pick(Reference.EVENT_TYPES);
                if (p.local == htPerson && i == 0) {
                    type = "update_profile";
                } else if (p.local == htPerson && type.equals("update_profile")) {
                    type = "login";
                }
                d.events.add(new Event(d.events.size(), p.local, 0, school, type,
                        asOf.minusSeconds(60L + r.nextInt(90 * 86400)), a.lastIp() != null && r.chance(0.7) ? a.lastIp() : ip(d, r, p),
                        r.pick(Reference.USER_AGENTS), r.uuid(), type.equals("view_grades") ? firstSection[p.local] : -1));
            }
            int days = r.nextInt(4);
            int prev = -1;
            for (int k = 0; k < days; k++) {
                int back = prev + 1 + r.nextInt(20);
                prev = back;
                d.dailyUsage.add(new DailyUsage(today.minusDays(1 + back), school, p.local, 0, 1 + r.nextInt(6),
                        5 + r.nextInt(176), r.pick(Reference.DEVICES)));
            }
        }
        if (!cert) {
            // orphans: activity of people that no longer exist in ids (dropped by the spec's dangling policy)
            for (int k = 0; k < 4; k++) {
                long ghost = ORPHAN_PERSON_BASE + d.index * 100L + k;
                d.events.add(new Event(d.events.size(), -1, ghost, r.nextInt(d.schools.size()), "login",
                        asOf.minusSeconds(3600L + r.nextInt(60 * 86400)), ip(d, r, d.persons.get(0)),
                        r.pick(Reference.USER_AGENTS), r.uuid(), -1));
            }
            for (int k = 0; k < 3; k++) {
                long ghost = ORPHAN_PERSON_BASE + d.index * 100L + 50 + k;
                d.dailyUsage.add(new DailyUsage(today.minusDays(2 + k), r.nextInt(d.schools.size()), -1, ghost,
                        1 + r.nextInt(3), 5 + r.nextInt(60), r.pick(Reference.DEVICES)));
            }
        }
        int[] enrolled = new int[d.schools.size()];
        for (int i = 0; i < d.students; i++) {
            enrolled[d.persons.get(i).schoolLocal]++;
        }
        LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (School s : d.schools) {
            for (int w = 0; w < 20; w++) {
                d.snapshots.add(new ReportSnapshot(d.snapshots.size(), s.local(), monday.minusWeeks(w).atTime(6, 0).toInstant(ZoneOffset.UTC),
                        w % 2 == 0 ? "weekly-attendance" : "weekly-engagement", enrolled[s.local()],
                        9000 + r.nextInt(900), enrolled[s.local()] / 2 + r.nextInt(Math.max(1, enrolled[s.local()] / 2))));
            }
        }
    }

    private void graphConnections(DistrictModel d) {
        Rng r = Rng.of(seed, prefix + "connections", d.index);
        List<List<Integer>> bySchool = new ArrayList<>();
        for (int s = 0; s < d.schools.size(); s++) {
            bySchool.add(new ArrayList<>());
        }
        for (int i = 0; i < d.students; i++) {
            bySchool.get(d.persons.get(i).schoolLocal).add(i);
        }
        String[] kinds = {"study_group", "club", "team", "lab_partner"};
        for (int i = 0; i < d.students; i++) {
            if (r.chance(0.1)) {
                List<Integer> mates = bySchool.get(d.persons.get(i).schoolLocal);
                int other = mates.get(r.nextInt(mates.size()));
                if (other != i) {
                    d.connections.add(new Connection(i, d.index, other, today.minusDays(1 + r.nextInt(400)), r.pick(kinds)));
                }
            }
        }
    }

    /** Rows of the lowest-ranked district that make a validation FAIL. */
    private void dirty(DistrictModel d) {
        // 1. an enrollment that leaves before it enters: breaks CERT's CHECK (PROD has none)
        Enrollment e = d.enrollments.get(0);
        d.enrollments.set(0, new Enrollment(e.sectionLocal(), e.studentLocal(), e.entry(), e.entry().minusDays(7), "withdrawn"));
        // 2. a school name longer than CERT's varchar(120)
        School s = d.schools.get(d.schools.size() - 1);
        String longName = s.name() + " and " + d.city + " Regional Academy for Science, Technology, Engineering, the Arts"
                + " and Mathematics (Early College Magnet Program)";
        while (longName.length() <= 130) {
            longName = longName + " Campus";
        }
        if (longName.length() > 200) {
            longName = longName.substring(0, 200).trim();
        }
        d.schools.set(s.local(), s.withName(longName));
        // 3. a submission whose person does not exist in ids: a dangling cross-store reference
        Assignment a = d.assignments.get(0);
        d.submissions.add(new Submission(d.submissions.size(), a.local(), -1, DANGLING_PERSON_ID, a.due().minusSeconds(7200),
                "submitted", null, -1));
    }
}
