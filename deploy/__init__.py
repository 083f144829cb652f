"""Serving SOC Navigator on every core: app processes behind HAProxy (`make serve`), its systemd
unit and the container set-up. No Streamlit imports here (the launcher only starts the app)."""
