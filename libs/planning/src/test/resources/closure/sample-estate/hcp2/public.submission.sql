-- a person_id that names no person dangles; under dangling: fail the row stays (and the run fails)
SELECT id FROM submission ORDER BY id
