// Package tsatest runs a real RFC 3161 time-stamping authority for tests: OpenSSL's
// "ts -reply" behind an httptest server, answering application/timestamp-query POSTs
// with application/timestamp-reply, with a TSA certificate (extended key usage
// timeStamping, critical) issued by a root the test supplies. Nothing here uses
// ismsgen's own signing code, so a test proves what ismsgen does with a token it did
// not make.
package tsatest
