"""Deploy checks of the security settings (run by `manage.py check --deploy`)."""
