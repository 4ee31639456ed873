"""allies from Python: redact Word meeting notes, convert and publish them.

A thin binding over the C API (allies/allies.h) with the standard library's
ctypes only: no build step, no third-party package.

    import allies
    doc = allies.Document.open("notes.docx")
    red = doc.redact(roster="Jane Smith | Jane\\n")
    open("public.docx", "wb").write(red.public_docx())
    print(allies.Document.from_bytes(red.public_docx()).convert("text"))

Every failure raises an allies.Error subclass named after its kind
(allies.NotZipError, allies.PolicyError, allies.RefusedError,
allies.LeakError, ...), with .kind (the C API's name, e.g. "not_zip"),
.status (its number), .file and .part.

The shared library is found, in this order, at $ALLIES_LIBRARY, beside this
package as installed (PREFIX/lib/python3/dist-packages/allies ->
PREFIX/LIBDIR/liballies.so.X.Y), then by its SONAME on the system's path.
"""

import ctypes
import json
import os

__all__ = [
    "Document", "Redaction", "Error", "LeakError", "publish", "verify", "version", "FORMATS",
]


def _load():
    candidates = []
    env = os.environ.get("ALLIES_LIBRARY")
    if env:
        candidates.append(env)
    soname = None
    try:
        from . import _location  # written at install time
        candidates.append(os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        _location.LIBRARY)))
        soname = _location.SONAME
    except ImportError:
        pass
    candidates.append(soname or "liballies.so")
    errors = []
    for c in candidates:
        if os.sep in c and not os.path.exists(c):
            errors.append(c + ": not found")
            continue
        try:
            return ctypes.CDLL(c)
        except OSError as e:
            errors.append(str(e))
    raise ImportError("allies: cannot load the shared library (set ALLIES_LIBRARY): " + "; ".join(errors))


_lib = _load()

_c_char_p_p = ctypes.POINTER(ctypes.c_char_p)


class _Error(ctypes.Structure):
    pass


_ErrorP = ctypes.POINTER(_Error)
_Buffer = ctypes.POINTER(ctypes.c_char)


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_version = _fn("allies_version", ctypes.c_char_p)
_status_name = _fn("allies_status_name", ctypes.c_char_p, ctypes.c_int)
_error_status = _fn("allies_error_status", ctypes.c_int, _ErrorP)
_error_message = _fn("allies_error_message", ctypes.c_char_p, _ErrorP)
_error_file = _fn("allies_error_file", ctypes.c_char_p, _ErrorP)
_error_part = _fn("allies_error_part", ctypes.c_char_p, _ErrorP)
_error_free = _fn("allies_error_free", None, _ErrorP)
_free = _fn("allies_free", None, ctypes.c_void_p)
_open_file = _fn("allies_document_open_file", ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                 ctypes.POINTER(_ErrorP))
_open_memory = _fn("allies_document_open_memory", ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                   ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(_ErrorP))
_document_free = _fn("allies_document_free", None, ctypes.c_void_p)
_convert = _fn("allies_convert", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(_Buffer),
               ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(_ErrorP))
_format_from_name = _fn("allies_format_from_name", ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int))
_redact = _fn("allies_redact", ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
              ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(_ErrorP))
_plan_json = _fn("allies_redaction_plan_json", ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_Buffer),
                 ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(_ErrorP))
_public_docx = _fn("allies_redaction_public_docx", ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_Buffer),
                   ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(_ErrorP))
_redaction_count = _fn("allies_redaction_count", ctypes.c_size_t, ctypes.c_void_p)
_redaction_free = _fn("allies_redaction_free", None, ctypes.c_void_p)
_publish = _fn("allies_publish", ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
               ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(_Buffer), ctypes.POINTER(ctypes.c_size_t),
               ctypes.POINTER(_ErrorP))
_verify = _fn("allies_verify", ctypes.c_int, _c_char_p_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
              ctypes.POINTER(_Buffer), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(_ErrorP))

# allies_format values (allies.h).
FORMATS = {"text": 0, "markdown": 1, "json": 2, "html": 3, "pdf": 4}


def version():
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return _version().decode()


class Error(Exception):
    """A failure reported by the library: .kind, .status, .message, .file, .part."""

    kind = "internal"

    def __init__(self, status, message, file="", part="", result=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.file = file
        self.part = part
        self.result = result  # LeakError, IncompleteError: the parsed JSON that came with it


def _class_name(kind):
    return "".join(w.capitalize() for w in kind.split("_")) + "Error"


# One exception class per error kind of allies.h, e.g. NotZipError, LeakError.
_by_status = {}
for _status in range(1, 64):
    _kind = _status_name(_status).decode()
    if _kind == "unknown":
        continue
    _cls = type(_class_name(_kind), (Error,), {"kind": _kind, "__doc__": "allies error kind '%s'" % _kind})
    globals()[_cls.__name__] = _cls
    __all__.append(_cls.__name__)
    _by_status[_status] = _cls
del _status, _kind, _cls


def _raise(status, err, result=None):
    if err:
        message = _error_message(err).decode("utf-8", "replace")
        file = _error_file(err).decode("utf-8", "replace")
        part = _error_part(err).decode("utf-8", "replace")
        _error_free(err)
    else:
        message, file, part = _status_name(status).decode(), "", ""
    raise _by_status.get(status, Error)(status, message, file, part, result)


def _call(fn, *args):
    err = _ErrorP()
    status = fn(*args, ctypes.byref(err))
    if status != 0:
        _raise(status, err)


def _take(buf, size):
    try:
        return ctypes.string_at(buf, size.value)
    finally:
        _free(buf)


def _encode(text):
    if text is None:
        return None
    if isinstance(text, bytes):
        return text
    return os.fsencode(text) if isinstance(text, os.PathLike) else text.encode("utf-8")


class Document:
    """A DOCX opened safely into memory (limits on entries, sizes, ratio, depth)."""

    def __init__(self, handle):
        self._h = ctypes.c_void_p(handle)

    @classmethod
    def open(cls, path):
        h = ctypes.c_void_p()
        _call(_open_file, _encode(os.fspath(path)), ctypes.byref(h))
        return cls(h.value)

    @classmethod
    def from_bytes(cls, data, name="<memory>"):
        h = ctypes.c_void_p()
        _call(_open_memory, bytes(data), len(data), _encode(name), ctypes.byref(h))
        return cls(h.value)

    def close(self):
        if getattr(self, "_h", None):
            _document_free(self._h)
            self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def _handle(self):
        if not self._h:
            raise ValueError("the document is closed")
        return self._h

    def convert(self, format="text"):
        """The document as "text", "markdown", "json" or "html" (str) or "pdf" (bytes)."""
        code = ctypes.c_int()
        if _format_from_name(_encode(format), ctypes.byref(code)) != 0:
            raise _by_status[16](16, "unknown output format '%s' (text, markdown, json, html, pdf)" % format)
        buf, size = _Buffer(), ctypes.c_size_t()
        _call(_convert, self._handle(), code.value, ctypes.byref(buf), ctypes.byref(size))
        data = _take(buf, size)
        return data if code.value == FORMATS["pdf"] else data.decode("utf-8")

    def redact(self, policy=None, roster=None):
        """Redacts a copy: policy is TOML text (None = the default policy),
        roster the text of a roster file. Raises RefusedError when the result
        cannot be certain."""
        h = ctypes.c_void_p()
        _call(_redact, self._handle(), _encode(policy), _encode(roster), ctypes.byref(h))
        return Redaction(h.value)


class Redaction:
    """The result of Document.redact: the plan and the public DOCX."""

    def __init__(self, handle):
        self._h = ctypes.c_void_p(handle)

    def close(self):
        if getattr(self, "_h", None):
            _redaction_free(self._h)
            self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def _bytes(self, fn):
        if not self._h:
            raise ValueError("the redaction is closed")
        buf, size = _Buffer(), ctypes.c_size_t()
        _call(fn, self._h, ctypes.byref(buf), ctypes.byref(size))
        return _take(buf, size)

    @property
    def count(self):
        """Number of redactions (sanitising aside)."""
        return _redaction_count(self._h) if self._h else 0

    def plan(self):
        """The plan as allies-redact --report writes it (a dict; never the redacted text)."""
        return json.loads(self._bytes(_plan_json))

    def public_docx(self):
        """The public DOCX (bytes), exactly as the self-check verified it."""
        return self._bytes(_public_docx)


def publish(input, out_dir, formats=("docx", "pdf"), policy=None, roster=None, hash_key_file=None):
    """Publishes one document into out_dir (redact, convert, verify, move) and
    returns its manifest entry (a dict). Raises LeakError (with .result) when
    the verification finds redacted content, IncompleteError (with .result)
    when a PDF or HTML lacks words of the public DOCX; nothing is published
    then."""
    buf, size = _Buffer(), ctypes.c_size_t()
    err = _ErrorP()
    status = _publish(_encode(os.fspath(input)), _encode(os.fspath(out_dir)), _encode(",".join(formats)),
                      _encode(policy), _encode(roster), _encode(hash_key_file and os.fspath(hash_key_file)),
                      ctypes.byref(buf), ctypes.byref(size), ctypes.byref(err))
    result = json.loads(_take(buf, size)) if buf else None
    if status != 0:
        _raise(status, err, result)
    return result


def verify(files, report, hash_key_file=None):
    """Checks published files against their STEM.report.json; returns [] when
    clean, raises LeakError (.result = the findings) when not."""
    paths = [_encode(os.fspath(f)) for f in files]
    arr = (ctypes.c_char_p * len(paths))(*paths)
    buf, size = _Buffer(), ctypes.c_size_t()
    err = _ErrorP()
    status = _verify(arr, len(paths), _encode(os.fspath(report)), _encode(hash_key_file and os.fspath(hash_key_file)),
                     ctypes.byref(buf), ctypes.byref(size), ctypes.byref(err))
    result = json.loads(_take(buf, size)) if buf else None
    if status != 0:
        _raise(status, err, result)
    return result
