"""Running the jobs: the recorded runs (``run``), the run lock (``lock``), the cron rules
(``cron``), source health (``health``), the status data (``status``) and logging (``logs``)."""
