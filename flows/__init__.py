"""Prefect flows: thin orchestration of the `pipeline` steps (nightly, retrain) and their deployments."""
