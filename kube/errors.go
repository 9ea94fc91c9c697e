package kube

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// APIError is a failure answered by the API server: a status outside 2xx,
// with the metav1.Status the server sent (or the body it sent instead).
type APIError struct {
	Code    int             // the HTTP status
	Reason  string          // "NotFound", "AlreadyExists", "Conflict", "Forbidden", "Invalid", ...
	Message string          // the server's own words, naming the object
	Details json.RawMessage // the Status's details (name, kind, causes), or nil
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s (%d %s)", e.Message, e.Code, e.Reason)
}

// status is the part of a metav1.Status that klua reads.
type status struct {
	Kind    string          `json:"kind"`
	Reason  string          `json:"reason"`
	Message string          `json:"message"`
	Details json.RawMessage `json:"details"`
}

// errorFor turns a non-2xx answer into an APIError. what names the object
// for the message when the server sends no Status (for example `pods "web"`).
func errorFor(resp *Response, what string) *APIError {
	e := &APIError{Code: resp.Status}
	var st status
	if json.Unmarshal(resp.Body, &st) == nil && st.Kind == "Status" {
		e.Reason, e.Message, e.Details = st.Reason, st.Message, st.Details
	}
	if e.Reason == "" {
		e.Reason = reasonForCode(resp.Status)
	}
	if e.Message == "" {
		e.Message = fallbackMessage(resp, what)
	}
	return e
}

func fallbackMessage(resp *Response, what string) string {
	body := strings.TrimSpace(string(resp.Body))
	if len(body) > 200 {
		body = body[:200] + "..."
	}
	msg := http.StatusText(resp.Status)
	if what != "" {
		msg = what + ": " + msg
	}
	if body != "" && !strings.HasPrefix(body, "{") {
		msg += ": " + body
	}
	return msg
}

// reasonForCode mirrors apimachinery's reasons for servers (or proxies)
// that answer without a Status.
func reasonForCode(code int) string {
	switch code {
	case http.StatusBadRequest:
		return "BadRequest"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusForbidden:
		return "Forbidden"
	case http.StatusNotFound:
		return "NotFound"
	case http.StatusMethodNotAllowed:
		return "MethodNotAllowed"
	case http.StatusNotAcceptable:
		return "NotAcceptable"
	case http.StatusConflict:
		return "Conflict"
	case http.StatusGone:
		return "Expired"
	case http.StatusUnsupportedMediaType:
		return "UnsupportedMediaType"
	case http.StatusUnprocessableEntity:
		return "Invalid"
	case http.StatusTooManyRequests:
		return "TooManyRequests"
	case http.StatusServiceUnavailable:
		return "ServiceUnavailable"
	case http.StatusGatewayTimeout:
		return "Timeout"
	}
	if code >= 500 {
		return "InternalError"
	}
	return "Unknown"
}

// IsNotFound reports whether err is the server saying the object does not exist.
func IsNotFound(err error) bool {
	e, ok := err.(*APIError)
	return ok && e.Code == http.StatusNotFound
}

// InvalidObjectError is an object refused before any request was sent:
// it lacks what is needed to route it, or contradicts the call's options.
type InvalidObjectError struct{ Msg string }

func (e *InvalidObjectError) Error() string { return e.Msg }
