"""What the Airflow DAGs call: a parse-time catalog, the Kafka trigger, and task functions.

Everything here except ``trigger`` is plain Python tested without Airflow. DAG files import only
``catalog`` (pydantic + YAML) and ``trigger`` at parse time; task bodies import the rest lazily.
"""
