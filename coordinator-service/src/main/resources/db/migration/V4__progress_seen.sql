-- When a phase service last reported progress for the run (ferry.progress.v1): work is going on, so the
-- sweeper leaves the run alone. An observation, not a change of the run: no version, no audit line.
ALTER TABLE run ADD COLUMN progress_at timestamptz;
