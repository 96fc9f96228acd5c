ALTER TABLE public.subject ADD CONSTRAINT subject_pkey PRIMARY KEY (code);
ALTER TABLE public.academic_session ADD CONSTRAINT academic_session_pkey PRIMARY KEY (district_id, session_code);
ALTER TABLE public.course ADD CONSTRAINT course_pkey PRIMARY KEY (id);
ALTER TABLE public.course ADD CONSTRAINT course_school_code_key UNIQUE (school_id, code);
ALTER TABLE public.section ADD CONSTRAINT section_pkey PRIMARY KEY (id);
ALTER TABLE public.section_teacher ADD CONSTRAINT section_teacher_pkey PRIMARY KEY (section_id, person_id);
ALTER TABLE public.enrollment ADD CONSTRAINT enrollment_pkey PRIMARY KEY (section_id, person_id);

ALTER TABLE public.academic_session ADD CONSTRAINT academic_session_parent_fkey
    FOREIGN KEY (district_id, parent_code) REFERENCES public.academic_session (district_id, session_code);
ALTER TABLE public.course ADD CONSTRAINT course_subject_code_fkey FOREIGN KEY (subject_code) REFERENCES public.subject (code);
ALTER TABLE public.course ADD CONSTRAINT course_prerequisite_course_id_fkey
    FOREIGN KEY (prerequisite_course_id) REFERENCES public.course (id);
ALTER TABLE public.section ADD CONSTRAINT section_course_id_fkey FOREIGN KEY (course_id) REFERENCES public.course (id);
ALTER TABLE public.section ADD CONSTRAINT section_session_fkey
    FOREIGN KEY (district_id, session_code) REFERENCES public.academic_session (district_id, session_code);
ALTER TABLE public.section_teacher ADD CONSTRAINT section_teacher_section_id_fkey FOREIGN KEY (section_id) REFERENCES public.section (id);
ALTER TABLE public.enrollment ADD CONSTRAINT enrollment_section_id_fkey FOREIGN KEY (section_id) REFERENCES public.section (id);

CREATE INDEX course_district_id_idx ON public.course (district_id);
CREATE INDEX section_course_id_idx ON public.section (course_id);
CREATE INDEX section_teacher_person_id_idx ON public.section_teacher (person_id);
CREATE INDEX enrollment_person_id_idx ON public.enrollment (person_id);
