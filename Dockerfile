FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 NUMBA_CACHE_DIR=/app/var/numba
WORKDIR /app
COPY pyproject.toml README.md ./
COPY planner planner
COPY itineraries itineraries
RUN pip install --no-cache-dir .
COPY . .
RUN DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN useradd --create-home planner && DEBUG=0 SECRET_KEY=build-only python manage.py warmsolver && mkdir -p /app/var/media && chown -R planner /app/var
USER planner
EXPOSE 8000
CMD ["gunicorn", "planner.wsgi:application", "--config", "planner/gunicorn.conf.py"]
