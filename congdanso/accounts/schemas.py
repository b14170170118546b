"""Typed input and output schemas of the accounts API."""

from datetime import datetime

from ninja import Field, Schema

from congdanso.accounts.models import OtpPurpose


class RegisterIn(Schema):
    phone: str = Field(..., max_length=32, examples=["0912 345 678"])
    password: str = Field(..., max_length=128)
    full_name: str = Field("", max_length=150)
    national_id: str | None = Field(None, max_length=20)


class RegisterOut(Schema):
    phone: str
    otp_expires_in: int
    detail: str


class VerifyPhoneIn(Schema):
    phone: str = Field(..., max_length=32)
    code: str = Field(..., max_length=10)


class OtpResendIn(Schema):
    phone: str = Field(..., max_length=32)
    purpose: OtpPurpose = OtpPurpose.REGISTER


class DetailOut(Schema):
    detail: str


class RoleOut(Schema):
    role: str
    role_label: str
    agency_code: str
    agency_name: str


class MeOut(Schema):
    id: str
    kind: str
    username: str
    full_name: str
    phone: str | None
    phone_verified: bool
    national_id_masked: str
    agency_code: str | None
    roles: list[RoleOut]


class TokenIn(Schema):
    name: str = Field(..., max_length=100)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIssuedOut(TokenOut):
    token: str
