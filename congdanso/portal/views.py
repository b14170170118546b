"""Pages of the portal: the citizen home (one-stop app) and the officials' workspace shell."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from congdanso.portal import selectors
from congdanso.portal.context_processors import can_use_workspace
from congdanso.portal.services_registry import home_tiles, workspace_links


@require_GET
def home(request):
    """Tiles for every service the visitor may use. No query for visitors, session + user when signed in."""
    user = request.user
    context = {
        "tiles": home_tiles(user),
        "greeting_name": selectors.greeting_name(user) if user.is_authenticated else "",
    }
    return render(request, "portal/home.html", context)


@require_GET
@login_required
def workspace(request):
    """The officials' shell: their agency, their roles and the links other apps register."""
    user = request.user
    if not can_use_workspace(user):
        raise PermissionDenied
    context = {
        "agency": user.agency,
        "role_grants": selectors.official_role_grants(user),
        "links": workspace_links(user),
    }
    return render(request, "portal/workspace.html", context)
