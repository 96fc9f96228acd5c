ALTER TABLE public.gradebook ADD CONSTRAINT gradebook_pkey PRIMARY KEY (id);
ALTER TABLE public.gradebook ADD CONSTRAINT gradebook_section_id_key UNIQUE (section_id);
ALTER TABLE public.grading_period ADD CONSTRAINT grading_period_pkey PRIMARY KEY (id);
ALTER TABLE public.assignment ADD CONSTRAINT assignment_pkey PRIMARY KEY (id);
ALTER TABLE public.submission ADD CONSTRAINT submission_pkey PRIMARY KEY (id);
ALTER TABLE public.grade ADD CONSTRAINT grade_pkey PRIMARY KEY (id);
ALTER TABLE public.attendance ADD CONSTRAINT attendance_pkey PRIMARY KEY (person_id, section_id, attendance_date);
ALTER TABLE public.rubric ADD CONSTRAINT rubric_pkey PRIMARY KEY (id);
ALTER TABLE public.rubric_criterion ADD CONSTRAINT rubric_criterion_pkey PRIMARY KEY (id);
ALTER TABLE public."AssessmentResult" ADD CONSTRAINT "AssessmentResult_pkey" PRIMARY KEY ("resultId");

-- the deferrable NOT NULL cycle
ALTER TABLE public.gradebook ADD CONSTRAINT gradebook_current_period_id_fkey
    FOREIGN KEY (current_period_id) REFERENCES public.grading_period (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE public.grading_period ADD CONSTRAINT grading_period_gradebook_id_fkey
    FOREIGN KEY (gradebook_id) REFERENCES public.gradebook (id) DEFERRABLE INITIALLY DEFERRED;
-- the NOT NULL cycle that is not deferrable
ALTER TABLE public.rubric ADD CONSTRAINT rubric_default_criterion_id_fkey
    FOREIGN KEY (default_criterion_id) REFERENCES public.rubric_criterion (id);
ALTER TABLE public.rubric_criterion ADD CONSTRAINT rubric_criterion_rubric_id_fkey
    FOREIGN KEY (rubric_id) REFERENCES public.rubric (id);
ALTER TABLE public.submission ADD CONSTRAINT submission_assignment_id_fkey FOREIGN KEY (assignment_id) REFERENCES public.assignment (id);
ALTER TABLE public.grade ADD CONSTRAINT grade_grading_period_id_fkey FOREIGN KEY (grading_period_id) REFERENCES public.grading_period (id);

CREATE INDEX grading_period_gradebook_id_idx ON public.grading_period (gradebook_id);
CREATE INDEX rubric_criterion_rubric_id_idx ON public.rubric_criterion (rubric_id);
CREATE INDEX assignment_section_id_idx ON public.assignment (section_id);
CREATE INDEX submission_assignment_id_idx ON public.submission (assignment_id);
CREATE INDEX submission_person_id_idx ON public.submission (person_id);
CREATE INDEX grade_person_id_idx ON public.grade (person_id);
CREATE INDEX "AssessmentResult_personId_idx" ON public."AssessmentResult" ("personId");
