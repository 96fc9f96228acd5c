package io.ferry.estate.model;

import io.ferry.estate.model.Entities.*;
import java.util.ArrayList;
import java.util.List;

/** One district with all its entities, keyed by local indices; global keys are base + local + 1. */
public final class DistrictModel {
    public final int index;
    public final String code;
    public final String name;
    public final String city;
    public final Reference.State state;
    public final String domain;
    public final int students;
    public final int staff;

    public final List<School> schools = new ArrayList<>();
    public final List<Person> persons = new ArrayList<>();
    public final List<Account> accounts = new ArrayList<>();
    public final List<GuardianLink> guardianLinks = new ArrayList<>();
    public final List<StaffAssignment> staffAssignments = new ArrayList<>();
    public final List<Course> courses = new ArrayList<>();
    public final List<Section> sections = new ArrayList<>();
    public final List<SectionTeacher> sectionTeachers = new ArrayList<>();
    public final List<Enrollment> enrollments = new ArrayList<>();
    public final List<Gradebook> gradebooks = new ArrayList<>();
    public final List<GradingPeriod> gradingPeriods = new ArrayList<>();
    public final List<Assignment> assignments = new ArrayList<>();
    public final List<Submission> submissions = new ArrayList<>();
    public final List<Grade> grades = new ArrayList<>();
    public final List<Attendance> attendance = new ArrayList<>();
    public final List<AssessmentResult> assessments = new ArrayList<>();
    public final List<Event> events = new ArrayList<>();
    public final List<DailyUsage> dailyUsage = new ArrayList<>();
    public final List<ReportSnapshot> snapshots = new ArrayList<>();
    public final List<Connection> connections = new ArrayList<>();
    /** School local to principal person local (-1 for none). */
    public int[] principals = new int[0];

    long personBase;
    long schoolBase;
    long courseBase;
    long sectionBase;
    long periodBase;
    long assignmentBase;
    long submissionBase;
    long gradeBase;
    long assessmentBase;
    long eventBase;
    long snapshotBase;

    DistrictModel(int index, String code, String name, String city, Reference.State state, String domain, int students, int staff) {
        this.index = index;
        this.code = code;
        this.name = name;
        this.city = city;
        this.state = state;
        this.domain = domain;
        this.students = students;
        this.staff = staff;
    }

    public long id() {
        return index + 1L;
    }

    public long personId(int local) {
        return personBase + local + 1;
    }

    public long schoolId(int local) {
        return schoolBase + local + 1;
    }

    public long courseId(int local) {
        return courseBase + local + 1;
    }

    public long sectionId(int local) {
        return sectionBase + local + 1;
    }

    /** Gradebooks are one per section and share the section's local index. */
    public long gradebookId(int local) {
        return sectionBase + local + 1;
    }

    /** Rubrics are one per course (same key); three criteria per rubric. */
    public long criterionId(int local) {
        return 3 * courseBase + local + 1;
    }

    public long periodId(int local) {
        return periodBase + local + 1;
    }

    public long assignmentId(int local) {
        return assignmentBase + local + 1;
    }

    public long submissionId(int local) {
        return submissionBase + local + 1;
    }

    public long gradeId(int local) {
        return gradeBase + local + 1;
    }

    public long assessmentId(int local) {
        return assessmentBase + local + 1;
    }

    public long eventId(int local) {
        return eventBase + local + 1;
    }

    public long snapshotId(int local) {
        return snapshotBase + local + 1;
    }

    public int guardians() {
        return persons.size() - students - staff;
    }
}
