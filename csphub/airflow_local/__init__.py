"""Airflow on this machine: the four Airflow 3 components, on 127.0.0.1, for the hub's DAGs.

``airflow standalone`` would run the same components, but its scheduler and triggerer also start log
servers that listen on every interface; here each component is started on its own (log servers
off: every component shares the same log folder) so nothing listens beyond 127.0.0.1.
"""

from csphub.airflow_local.standalone import AirflowLocal, ComponentStatus

__all__ = ["AirflowLocal", "ComponentStatus"]
