package synth

import (
	"fmt"
	"strings"
)

// document writes the i-th document: front matter and a body of about one page.
func (s *site) document(i int) string {
	d := s.docs[i]
	other := s.docs[(i*13+5)%len(s.docs)]
	next := s.docs[(i+1)%len(s.docs)]
	rk := s.risks[i%len(s.risks)]
	ctl := d.controls[0]
	var b strings.Builder
	fmt.Fprintf(&b, `---
id: %s
title: %s
type: %s
version: "1.2"
status: approved
owner: ISMS Manager
author: Security Engineer
approver: CEO
approved: 2026-02-%02d
review_cycle: 12m
classification: internal
controls: [%s]
`, d.id, d.title, d.typ, 1+i%28, strings.Join(d.controls, ", "))
	if len(d.clauses) > 0 {
		fmt.Fprintf(&b, "clauses: [%s]\n", quoteAll(d.clauses))
	}
	fmt.Fprintf(&b, `history:
  - version: "1.0"
    date: 2025-11-%02d
    author: Security Engineer
    change: First issue.
  - version: "1.2"
    date: 2026-02-%02d
    author: Security Engineer
    change: Annual review; clarified responsibilities.
tags: [%s]
---

## Purpose

This %s sets out how Synthetic Systems Ltd manages **%s** within the scope of the ISMS.
It implements [[%s]] and supports [[%s|the related document]]; see also
[%s](%s) and the risk [[%s]]. Terms follow *ISO/IEC 27000*[^terms].

## Scope

It applies to all staff, contractors and systems in scope, including:

- production and staging environments;
- corporate applications and endpoints:
  1. laptops with full-disk encryption;
  2. mobile devices enrolled in device management;
- suppliers that process customer data.

## Responsibilities

| Role | Responsibility | Review |
|------|----------------|:------:|
| ISMS Manager | Maintains this document and reports on its operation | yearly |
| System owners | Apply the rules to their systems and keep records | quarterly |
| All staff | Follow the rules and report incidents at once | on joining |

## Rules

1. Access is granted on least privilege and reviewed every quarter.
2. Changes follow the change management procedure; emergency changes are reviewed afterwards.
3. Exceptions need the approval of the ISMS Manager and are recorded with an expiry date.

- [x] Rules published on the intranet
- [ ] Rules included in the next awareness campaign

> Where this %s and a contract disagree, the stricter requirement applies.

The configuration baseline is checked automatically:

`+"```yaml"+`
baseline:
  id: %s
  encryption: aes-256
  mfa: required
  review_days: 90
`+"```"+`

## Records

Records of the operation of this %s are kept as evidence (`+"`%s`"+`) for at least three
years and made available to auditors on request. The controls [[%s]] and [[%s]] are
checked against the evidence record [[%s]]. Continue with [[%s]].

[^terms]: ISO/IEC 27000 gives the vocabulary of the ISO/IEC 27001 family.
`, 1+i%28, 1+i%28, strings.ToLower(strings.Fields(d.title)[0]), d.typ, strings.ToLower(d.title), ctl, other.id,
		other.title, relPath(d, other), rk.id, d.typ, d.id, d.typ, s.evidence[i%len(s.evidence)].id, d.controls[1], d.controls[2], s.evidence[(i+1)%len(s.evidence)].id, next.id)
	return b.String()
}

// relPath returns the relative link from one document to another, as written for a git
// host.
func relPath(from, to doc) string {
	name := strings.ToLower(to.id) + ".md"
	if from.dir == to.dir {
		return name
	}
	return "../" + to.dir + "/" + name
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = `"` + s + `"`
	}
	return strings.Join(q, ", ")
}
