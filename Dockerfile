# One SOC Navigator app process (README, "Serving a team"). compose.yaml runs two of them behind
# HAProxy on one PostgreSQL; on its own: docker build -t soc-navigator . && docker run -p 8501:8501 \
#   -e SOC_NAVIGATOR_DATABASE_URL=postgresql://… -e SOC_NAVIGATOR_LINK_SECRET=… soc-navigator
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

# Exactly the locked packages, each checked against its hash (README, "Dependencies").
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .
RUN useradd --system --uid 10001 --home-dir /app --no-create-home socnav \
    && mkdir -p /app/data && chown socnav:socnav /app/data
USER socnav

EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"]

# Listening on every interface of the container: the workspace needs sign-in or the workspace key.
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
