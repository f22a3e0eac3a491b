"""Running the job: the recorded run (``run``), the run lock, source health and the status view."""
