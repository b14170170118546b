"""The pure date maths: national calendar from the package, make-up Saturdays, overrides, 15:00 rule."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from congdanso.workdays.calendar import DAY_OFF, WORKING_DAY, DayOff, Override, WorkingCalendar

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
D = dt.date
national = WorkingCalendar(20)


def days_off(first: dt.date, last: dt.date, calendar: WorkingCalendar = national) -> list[dt.date]:
    day, found = first, []
    while day <= last:
        if not calendar.is_working_day(day):
            found.append(day)
        day += dt.timedelta(days=1)
    return found


def at(year, month, day, hour, minute, second=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=HCM)


def test_tet_2025_package_days_and_week_off():
    assert [(d.date, d.name) for d in national.days_off_between(D(2025, 1, 25), D(2025, 2, 2))] == [
        (D(2025, 1, 27), "29 Tết"),
        (D(2025, 1, 28), "Giao thừa Tết Nguyên Đán"),
        (D(2025, 1, 29), "Tết Nguyên Đán"),
        (D(2025, 1, 30), "Mùng hai Tết Nguyên Đán"),
        (D(2025, 1, 31), "Mùng ba Tết Nguyên Đán"),
        (D(2025, 2, 1), "Mùng bốn Tết Nguyên Đán"),
    ]
    assert days_off(D(2025, 1, 24), D(2025, 2, 3)) == [
        D(2025, 1, 25) + dt.timedelta(days=i) for i in range(9)
    ]
    assert national.next_working_day(D(2025, 1, 24)) == D(2025, 2, 3)


def test_april_may_2025_with_swap_and_make_up_saturday():
    assert days_off(D(2025, 4, 25), D(2025, 5, 5)) == [
        D(2025, 4, 27),
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 5, 2),
        D(2025, 5, 3),
        D(2025, 5, 4),
    ]
    assert national.is_working_day(D(2025, 4, 26)) is True  # Saturday worked in exchange for 2/5
    assert national.day_off_name(D(2025, 5, 2)) == "Ngày nghỉ (thay cho ngày 26/04/2025)"


def test_national_day_2025():
    assert days_off(D(2025, 8, 29), D(2025, 9, 3)) == [
        D(2025, 8, 30),
        D(2025, 8, 31),
        D(2025, 9, 1),
        D(2025, 9, 2),
    ]


def test_tet_2026():
    assert days_off(D(2026, 2, 13), D(2026, 2, 23)) == [
        D(2026, 2, 14) + dt.timedelta(days=i) for i in range(9)
    ]
    assert national.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)


def test_hung_kings_on_sunday_2026_and_april_may():
    assert national.day_off_name(D(2026, 4, 26)) == "Ngày Giỗ Tổ Hùng Vương"
    assert national.day_off_name(D(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert days_off(D(2026, 4, 24), D(2026, 5, 4)) == [
        D(2026, 4, 25),
        D(2026, 4, 26),
        D(2026, 4, 27),
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 5, 2),
        D(2026, 5, 3),
    ]


def test_national_day_2026_with_make_up_saturday_22_august():
    assert national.is_working_day(D(2026, 8, 22)) is True
    assert national.is_working_day(D(2026, 8, 23)) is False
    assert days_off(D(2026, 8, 28), D(2026, 9, 3)) == [
        D(2026, 8, 29),
        D(2026, 8, 30),
        D(2026, 8, 31),
        D(2026, 9, 1),
        D(2026, 9, 2),
    ]
    assert national.next_working_day(D(2026, 8, 21)) == D(2026, 8, 22)


def test_vietnam_culture_day_2026_is_off_per_package():
    assert national.day_off_name(D(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    assert national.is_working_day(D(2026, 11, 24)) is False
    assert national.is_working_day(D(2025, 11, 24)) is True


def test_add_working_days_reference_example():
    assert national.add_working_days(D(2026, 4, 22), 15) == D(2026, 5, 18)
    assert national.add_working_days(D(2026, 4, 22), 0) == D(2026, 4, 22)
    assert national.add_working_days(D(2026, 4, 22), 1) == D(2026, 4, 23)
    assert national.add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)  # Fri → skips 25–27/4


def test_add_working_days_rejects_negative():
    with pytest.raises(ValueError):
        national.add_working_days(D(2026, 4, 22), -1)


def test_working_days_between_is_half_open_and_antisymmetric():
    assert national.working_days_between(D(2026, 4, 22), D(2026, 5, 18)) == 15
    assert national.working_days_between(D(2026, 5, 18), D(2026, 4, 22)) == -15
    assert national.working_days_between(D(2026, 4, 22), D(2026, 4, 22)) == 0
    assert national.working_days_between(D(2026, 4, 24), D(2026, 4, 27)) == 0  # Sat, Sun, 27/4 off
    assert national.working_days_between(D(2026, 8, 21), D(2026, 8, 24)) == 2  # 22/8 worked, 24/8 Monday


def test_paper_receipt_before_and_after_15h_on_friday():
    assert national.count_start_for_receipt(at(2026, 4, 24, 14, 59), paper=True) == D(2026, 4, 24)
    assert national.count_start_for_receipt(at(2026, 4, 24, 15, 0), paper=True) == D(2026, 4, 24)
    assert national.count_start_for_receipt(at(2026, 4, 24, 15, 1), paper=True) == D(2026, 4, 28)
    assert national.due_date_for(at(2026, 4, 24, 14, 59), 1, paper=True) == D(2026, 4, 28)
    assert national.due_date_for(at(2026, 4, 24, 15, 1), 1, paper=True) == D(2026, 4, 29)


def test_online_receipt_has_no_cutoff():
    assert national.count_start_for_receipt(at(2026, 4, 24, 15, 1), paper=False) == D(2026, 4, 24)
    assert national.due_date_for(at(2026, 4, 24, 23, 59), 1, paper=False) == D(2026, 4, 28)


def test_receipt_on_saturday_counts_from_next_working_day():
    assert national.count_start_for_receipt(at(2026, 3, 7, 9, 0), paper=True) == D(2026, 3, 9)
    assert national.count_start_for_receipt(at(2026, 3, 7, 9, 0), paper=False) == D(2026, 3, 9)
    assert national.due_date_for(at(2026, 3, 7, 9, 0), 3, paper=False) == D(2026, 3, 12)


def test_receipt_the_day_before_tet_2026():
    assert national.count_start_for_receipt(at(2026, 2, 13, 10, 0), paper=True) == D(2026, 2, 13)
    assert national.count_start_for_receipt(at(2026, 2, 13, 15, 30), paper=True) == D(2026, 2, 23)
    assert national.due_date_for(at(2026, 2, 13, 10, 0), 2, paper=True) == D(2026, 2, 24)
    assert national.due_date_for(at(2026, 2, 13, 15, 30), 2, paper=True) == D(2026, 2, 25)


def test_receipt_time_is_read_in_hanoi_time():
    received_utc = dt.datetime(2026, 4, 24, 8, 1, tzinfo=dt.UTC)  # 15:01 in Hà Nội
    assert national.count_start_for_receipt(received_utc, paper=True) == D(2026, 4, 28)
    late_utc = dt.datetime(2026, 4, 23, 17, 30, tzinfo=dt.UTC)  # 00:30 on Friday 24/4 in Hà Nội
    assert national.count_start_for_receipt(late_utc, paper=True) == D(2026, 4, 24)


def test_naive_receipt_time_is_refused():
    with pytest.raises(ValueError):
        national.count_start_for_receipt(dt.datetime(2026, 4, 24, 9, 0), paper=True)


def test_overrides_win_over_the_package():
    calendar = WorkingCalendar(
        20,
        [
            Override(date=D(2026, 11, 24), kind=WORKING_DAY, reason="Chưa áp dụng Ngày Văn hóa"),
            Override(date=D(2026, 7, 15), kind=DAY_OFF, reason="Nghỉ do bão số 3"),
            Override(date=D(2026, 7, 18), kind=WORKING_DAY, reason="Làm bù thứ Bảy"),
        ],
    )
    assert calendar.is_working_day(D(2026, 11, 24)) is True
    assert calendar.is_working_day(D(2026, 7, 15)) is False
    assert calendar.is_working_day(D(2026, 7, 18)) is True
    assert calendar.add_working_days(D(2026, 7, 14), 2) == D(2026, 7, 17)
    assert calendar.add_working_days(D(2026, 7, 16), 2) == D(2026, 7, 18)
    assert calendar.days_off_between(D(2026, 7, 1), D(2026, 11, 30)) == [
        DayOff(date=D(2026, 7, 15), name="Nghỉ do bão số 3", source="province"),
        DayOff(date=D(2026, 8, 31), name="Ngày nghỉ (thay cho ngày 22/08/2026)", source="national"),
        DayOff(date=D(2026, 9, 1), name="Quốc khánh", source="national"),
        DayOff(date=D(2026, 9, 2), name="Quốc khánh", source="national"),
    ]
