def test_admin_lists_persons(admin):
    response = admin.get("/data/persons")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == [str(admin.person.id)]
