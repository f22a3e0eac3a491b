"""Article URLs: canonical form, site identity, article-likeness and address safety.

One article reached from a feed, a list page and a share link must be one URL, so tracking
parameters and fragments go; and a page must never steer the crawler to another site or to a
private address, so those checks live here beside the URL rules they depend on.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Collection
from functools import lru_cache
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import tldextract

# Parameters that only say where a reader came from; dropping them never changes the page.
# fmt: off
TRACKING_PARAMS = frozenset({
    "spm", "spm_id_from", "from", "share", "share_from", "sharefrom", "share_source", "share_token",
    "shareid", "share_id", "sharer", "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid",
    "mc_cid", "mc_eid", "isappinstalled", "scene", "clicktime", "enterid", "wxshare", "wxfrom",
    "from_source", "fromsource", "ref_src", "ref_url", "_hsenc", "_hsmi", "vd_source", "tt_from",
    "utm", "wfr", "sudaref", "cmpid", "srcid", "timestamp", "_t", "t_from",
})
# fmt: on
_TRACKING_PREFIXES = ("utm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci", "pk_", "mtm_")
# Session ids that servers write into links (JSP ``;jsessionid=``, PHP, ASP, ASP.NET cookieless
# ``/(S(...))/``): a new one on every visit would make every run see new URLs. Only long random
# values count, so a short ``sid=12`` that names a site or column stays.
_SESSION_NAMES = re.compile(r"^(?:jsessionid|phpsessid|sessionid|session_id|aspsessionid\w*|sid|cfid|cftoken)$", re.I)
_SESSION_VALUE = re.compile(r"^[A-Za-z0-9._~!*-]{16,}$")
_PATH_PARAMS = re.compile(r";([^/;?=]+)=([^/;?]*)")
_COOKIELESS = re.compile(r"/\((?:[A-Z]\([A-Za-z0-9]{16,}\))+\)(?=/)")
_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = "/%:@!$'()*+,;=-._~?"
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_LEGACY_IPV4 = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}$", re.I)

_NOT_PAGES = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|ofd|zip|rar|7z|gz|tar|jpe?g|png|gif|webp|bmp|svg|ico|"
    r"mp[34]|m4a|avi|mov|flv|wmv|apk|exe|dmg|msi|css|js|json|xml|rss|txt|csv)$",
    re.I,
)
_PAGE_EXT = re.compile(r"\.(?:s?html?|jhtml|xhtml|php|aspx?|jsp|do|cgi)$", re.I)
_LISTISH_STEM = re.compile(
    r"^(?:index|default|list|lists|more|node|column|channel|home|main)"
    r"(?:[_-]\d+)?$",
    re.I,
)
# fmt: off
_NON_ARTICLE_SEGMENTS = frozenset({
    "tag", "tags", "search", "login", "logon", "register", "signup", "user", "users", "member",
    "author", "category", "categories", "about", "aboutus", "contact", "contactus", "help",
    "sitemap", "rss", "feed", "feeds", "comment", "comments", "download", "downloads",
})
_ARTICLE_SEGMENTS = frozenset({
    "content", "contents", "article", "articles", "detail", "details", "doc", "docs", "art",
    "post", "posts", "story", "stories", "show", "view", "news", "info", "a", "c", "n1",
})
# fmt: on
_DATE_IN_PATH = re.compile(
    r"/(?:19|20)\d{2}(?:[-_/]?(?:0[1-9]|1[0-2]))(?:[-_/]?(?:0[1-9]|[12]\d|3[01]))?(?=[/_.\-]|$)"
    r"|/t(?:19|20)\d{6}_|/(?:19|20)\d{2}[-_]?\d{4}/|/(?:19|20)\d{6}\d*"
)
_ID_PARAMS = re.compile(
    r"(?:^|&)(?:id|aid|artid|articleid|article_id|newsid|news_id|docid|doc_id|"
    r"contentid|content_id|infoid|info_id|itemid|item_id|p|postid|tid|nid|cid)"
    r"=\d{3,}",
    re.I,
)
_LONG_NUMBER = re.compile(r"\d{5,}")


@lru_cache(maxsize=1)
def public_suffixes() -> tldextract.TLDExtract:
    """The bundled public-suffix snapshot only: the crawler must never fetch lists on its own. One
    instance for the crawl (~6 MB once read): Scrapy's cookie middleware asks it too, with the
    private suffixes (blogspot.com) it needs; ``site_of`` asks without them."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def _upper_escapes(text: str) -> str:
    return _ESCAPE.sub(lambda m: m.group(0).upper(), text)


def _remove_dot_segments(path: str) -> str:
    if "/." not in path:
        return path
    out: list[str] = []
    for segment in path.split("/")[1:]:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    tail = "/" if path.endswith(("/.", "/..")) else ""
    return "/" + "/".join(out) + tail


def _is_tracking(key: str) -> bool:
    name = unquote(key).strip().lower()
    return name in TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def _is_session(name: str, value: str) -> bool:
    return bool(_SESSION_NAMES.match(unquote(name).strip())) and bool(_SESSION_VALUE.match(unquote(value)))


def _without_sessions(path: str) -> str:
    path = _COOKIELESS.sub("", path)
    if ";" not in path:
        return path
    return _PATH_PARAMS.sub(lambda m: "" if _is_session(m[1], m[2]) else m[0], path)


_CONTROLS = re.compile(r"[\t\r\n]")


@lru_cache(maxsize=4096)
def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of a link (resolved against ``base``), or None if it is not http(s).

    Lower-case scheme and host, no default port, no fragment, no tracking parameters or session
    ids, the other parameters sorted, non-ASCII percent-encoded as UTF-8 and escapes in upper case.
    Remembered: a list page's links are read twice (article links, then the pager), ~200 a page.
    """
    text = _CONTROLS.sub("", url or "").strip()
    if not text or text.startswith(("javascript:", "mailto:", "tel:", "data:", "#")):
        return None
    if base:
        try:
            text = urljoin(base, text)
        except ValueError:
            return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in _SCHEMES or not host:
        return None
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host.lower()
    except UnicodeError:
        return None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _upper_escapes(quote(_remove_dot_segments(_without_sessions(parts.path or "/")), safe=_SAFE_PATH))
    pairs = [
        p
        for p in parts.query.split("&")
        if p and not _is_tracking(p.split("=", 1)[0]) and not _is_session(*([*p.split("=", 1), ""])[:2])
    ]
    query = "&".join(sorted(_upper_escapes(quote(p, safe=_SAFE_QUERY)) for p in pairs))
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """The lower-case host of a URL ('' if it has none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def netloc_of(url: str) -> str:
    """``host:port`` of a URL with the scheme's default port filled in."""
    try:
        parts = urlsplit(url)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    except ValueError:
        return ""
    return f"{(parts.hostname or '').rstrip('.').lower()}:{port}"


@lru_cache(maxsize=4096)
def _site_of_host(host: str) -> str:
    if ip_of_host(host) is not None or "." not in host:
        return ""
    found = public_suffixes()(host, include_psl_private_domains=False)
    return found.top_domain_under_public_suffix or host


def site_of(url: str) -> str:
    """The site a URL belongs to: its registered domain (``hp.gov.cn`` for ``www.hp.gov.cn``).

    Hosts that are IP addresses or single names (``localhost``) have no registered domain, so
    there the site is host and port: two servers on one machine are two sites.
    """
    host = host_of(url)
    return _site_of_host(host) or netloc_of(url)


def same_site(url: str, other: str) -> bool:
    """True when both URLs belong to one site (subdomains of one registered domain count)."""
    return bool(url and other) and site_of(url) == site_of(other)


def ip_of_host(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host names literally (also legacy forms like ``127.1`` or ``0x7f.0.0.1``)."""
    host = host.strip("[]").lower()
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def is_private_address(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for loopback, private, link-local, shared, reserved and unspecified addresses."""
    try:
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    return not ip.is_global or ip.is_multicast


def address_refusal(url: str, private_ok: Collection[str], resolved: str | None = None) -> str | None:
    """Why the crawler must not connect for ``url``, in the words the failures table keeps; None if it may.

    Only http(s) is fetched, and a private address only at the exact ``host:port`` of a
    configured source (``private_ok``); ``resolved`` is the address the host's name resolves to.
    """
    if not url.startswith(("http://", "https://")):
        return f"blocked: only http and https URLs are fetched ({url[:40]})"
    if netloc_of(url) in private_ok:
        return None
    host = host_of(url)
    literal = ip_of_host(host)
    if literal is not None:
        return f"blocked: {host} is a private address" if is_private_address(literal) else None
    if resolved is not None and is_private_address(resolved):
        return f"blocked: {host} resolves to private address {resolved}"
    return None


def name_to_resolve(url: str, private_ok: Collection[str]) -> str | None:
    """The host name whose address ``address_refusal`` needs, None when the URL alone decides."""
    if not url.startswith(("http://", "https://")) or netloc_of(url) in private_ok:
        return None
    host = host_of(url)
    return host if host and ip_of_host(host) is None else None


def article_score(url: str) -> float:
    """How much a URL looks like one article's page, from -1 (list, menu, file) to 1.

    Chinese portals and media name articles with ids and dates (``/content/post_1234567.html``,
    ``/202511/t20251118_123456.html``, ``/2025-11/18/c_1131.htm``, ``show.asp?id=1234``) and
    sections with directories, ``index_2.html`` or ``list_3.htm``.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return -1.0
    path = unquote(parts.path or "/")
    segments = [s for s in path.split("/") if s]
    if not segments:
        return 0.2 if _ID_PARAMS.search(parts.query) else -1.0
    last = segments[-1]
    if _NOT_PAGES.search(last):
        return -1.0
    stem = _PAGE_EXT.sub("", last)
    score = 0.0
    if _DATE_IN_PATH.search(path):
        score += 0.5
    if _LONG_NUMBER.search(stem) or re.search(r"[_-]\d{3,}$", stem):
        score += 0.5
    if _ID_PARAMS.search(parts.query):
        score += 0.5
    if _PAGE_EXT.search(last) and not _LISTISH_STEM.match(stem):
        score += 0.2
    if len(stem) >= 16 and re.search(r"[a-z]", stem) and stem.count("-") >= 3:
        score += 0.4  # English slugs: /news/2025/biobay-opens-new-incubator-for-startups
    if any(s.lower() in _ARTICLE_SEGMENTS for s in segments[:-1]):
        score += 0.1
    if _LISTISH_STEM.match(stem):
        score -= 0.8
    if path.endswith("/") and score < 0.4:
        score -= 0.4
    if any(s.lower() in _NON_ARTICLE_SEGMENTS for s in [*segments[:-1], stem]):
        score -= 0.5
    return max(-1.0, min(1.0, score))


def url_allowed(url: str, allow: tuple[str, ...] = (), deny: tuple[str, ...] = ()) -> bool:
    """A source's ``allow`` / ``deny`` regular expressions: any allow must match, no deny may."""
    if allow and not any(re.search(pattern, url) for pattern in allow):
        return False
    return not any(re.search(pattern, url) for pattern in deny)
