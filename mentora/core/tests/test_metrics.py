import pytest

pytestmark = pytest.mark.django_db


def test_metrics_need_the_token(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


def test_metrics_show_pending_and_failed_mail_and_the_queue_age(client, settings):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {settings.METRICS_TOKEN}")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'mentora_mail_messages{state="pending"} 0.0' in text
    assert 'mentora_mail_messages{state="failed"} 0.0' in text
    assert "mentora_tasks_oldest_ready_seconds" in text
