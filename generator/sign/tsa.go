package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Timestamper obtains RFC 3161 timestamp tokens. TSA is the one that asks an authority
// over HTTP.
type Timestamper interface {
	// Timestamp returns a TimeStampToken (a DER ContentInfo) whose message imprint is
	// digest, a SHA-256 hash.
	Timestamp(ctx context.Context, digest []byte) ([]byte, error)
}

// TSA is a time-stamping authority reached by HTTP POST (RFC 3161 section 3.4).
type TSA struct {
	URL string
	// Client makes the requests; nil means a client with a 30-second timeout.
	Client *http.Client
}

// maxTSAReply bounds the reply read from an authority: a token with its certificates is
// a few kilobytes.
const maxTSAReply = 1 << 20

// CheckTSAURL says what is wrong with a TSA URL, or returns nil: it must be http or
// https with a host.
func CheckTSAURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("TSA URL %q: %v", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("TSA URL %q: want an http:// or https:// URL of a time-stamping authority", raw)
	}
	return nil
}

// Timestamp sends a TimeStampReq for digest with a random nonce, asking for the
// authority's certificate, and returns the token once the reply is granted, carries the
// nonce, timestamps digest and is intact.
func (a TSA) Timestamp(ctx context.Context, digest []byte) ([]byte, error) {
	if err := CheckTSAURL(a.URL); err != nil {
		return nil, err
	}
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63))
	if err != nil {
		return nil, err
	}
	req, err := timestampRequest(digest, nonce)
	if err != nil {
		return nil, err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, a.URL, bytes.NewReader(req))
	if err != nil {
		return nil, fmt.Errorf("timestamp authority %s: %w", a.URL, err)
	}
	hr.Header.Set("Content-Type", "application/timestamp-query")
	hr.Header.Set("Accept", "application/timestamp-reply")
	client := a.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("timestamp authority: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTSAReply+1))
	if err != nil {
		return nil, fmt.Errorf("timestamp authority %s: reading the reply: %w", a.URL, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("timestamp authority %s answered HTTP %s", a.URL, resp.Status)
	}
	if len(body) > maxTSAReply {
		return nil, fmt.Errorf("timestamp authority %s: the reply is larger than %d bytes", a.URL, maxTSAReply)
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "application/timestamp-reply" {
		return nil, fmt.Errorf("timestamp authority %s answered with Content-Type %q, not application/timestamp-reply (is the URL a TSA?)", a.URL, resp.Header.Get("Content-Type"))
	}
	tok, err := parseTimestampReply(body)
	if err != nil {
		return nil, fmt.Errorf("timestamp authority %s: %w", a.URL, err)
	}
	t, err := parseToken(tok)
	if err != nil {
		return nil, fmt.Errorf("timestamp authority %s: %w", a.URL, err)
	}
	if t.info.nonce == nil || t.info.nonce.Cmp(nonce) != 0 {
		return nil, fmt.Errorf("timestamp authority %s: the token does not carry the request's nonce: it answers another request", a.URL)
	}
	if t.info.hash != crypto.SHA256 || !bytes.Equal(t.info.hashed, digest) {
		return nil, fmt.Errorf("timestamp authority %s: the token's message imprint is not the hash that was sent", a.URL)
	}
	var problems []string
	if !t.intact(func(f string, args ...any) { problems = append(problems, fmt.Sprintf(f, args...)) }) {
		return nil, fmt.Errorf("timestamp authority %s: %s", a.URL, strings.Join(problems, "; "))
	}
	return tok, nil
}

// timestampRequest encodes a TimeStampReq (RFC 3161 2.4.1) for a SHA-256 digest, with
// a nonce and certReq set, so the token carries the authority's certificate.
func timestampRequest(digest []byte, nonce *big.Int) ([]byte, error) {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // MessageImprint
			addAlgorithm(b, oidSHA256, false)
			b.AddASN1OctetString(digest)
		})
		b.AddASN1BigInt(nonce)
		b.AddASN1Boolean(true) // certReq
	})
	return b.Bytes()
}

// parseTimestampReply reads a TimeStampResp and returns its token when the status is
// granted or grantedWithMods; otherwise the error states the status, text and failure.
func parseTimestampReply(der []byte) ([]byte, error) {
	in := cryptobyte.String(der)
	var resp, status cryptobyte.String
	var code int64
	if !in.ReadASN1(&resp, cbasn1.SEQUENCE) || !in.Empty() || !resp.ReadASN1(&status, cbasn1.SEQUENCE) ||
		!status.ReadASN1Integer(&code) {
		return nil, errors.New("the reply is not a TimeStampResp (RFC 3161)")
	}
	if code != 0 && code != 1 {
		name := fmt.Sprintf("status %d", code)
		if names := []string{"granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"}; code >= 0 && int(code) < len(names) {
			name = names[code]
		}
		var text []string
		var free cryptobyte.String
		if status.ReadOptionalASN1(&free, nil, cbasn1.SEQUENCE) {
			for !free.Empty() {
				var s cryptobyte.String
				if !free.ReadASN1(&s, cbasn1.UTF8String) {
					break
				}
				text = append(text, string(s))
			}
		}
		var bits asn1.BitString
		if status.PeekASN1Tag(cbasn1.BIT_STRING) && status.ReadASN1BitString(&bits) {
			for i := 0; i < bits.BitLength; i++ {
				if bits.At(i) == 1 {
					text = append(text, failureName(i))
				}
			}
		}
		return nil, fmt.Errorf("the request was refused (%s: %s)", name, strings.Join(text, "; "))
	}
	var tok cryptobyte.String
	if !resp.ReadASN1Element(&tok, cbasn1.SEQUENCE) {
		return nil, errors.New("the reply grants the request but holds no token")
	}
	return tok, nil
}

// failureName names a PKIFailureInfo bit (RFC 3161 2.4.2).
func failureName(bit int) string {
	switch bit {
	case 0:
		return "badAlg: unrecognized or unsupported algorithm"
	case 2:
		return "badRequest: transaction not permitted or supported"
	case 5:
		return "badDataFormat"
	case 14:
		return "timeNotAvailable"
	case 15:
		return "unacceptedPolicy"
	case 16:
		return "unacceptedExtension"
	case 17:
		return "addInfoNotAvailable"
	case 25:
		return "systemFailure"
	}
	return fmt.Sprintf("failure bit %d", bit)
}
