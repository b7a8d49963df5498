package comply

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// meta is a comply document's front matter: the fields ismsgen maps, and the rest.
type meta struct {
	Name           string               `yaml:"name"`
	Acronym        string               `yaml:"acronym"`
	ID             string               `yaml:"id"`
	Satisfies      map[string][]string  `yaml:"satisfies"`
	MajorRevisions []revision           `yaml:"majorRevisions"`
	Other          map[string]yaml.Node `yaml:",inline"`
}

type revision struct {
	Date    string `yaml:"date"`
	Comment string `yaml:"comment"`
}

// splitFrontMatter separates comply's front matter from the body: comply writes the
// YAML first and closes it with a --- line (an opening --- is allowed too).
func splitFrontMatter(b []byte) (fm, body []byte, bodyLine int, ok bool) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	start := 0
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		start = 1
	}
	for i := start; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			return []byte(strings.Join(lines[start:i], "")), []byte(strings.Join(lines[i+1:], "")), i + 2, true
		}
	}
	return nil, []byte(text), 1, false
}

var idChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// convertDocument writes one comply document as an ismsgen document.
func convertDocument(rel string, b []byte, sec section, known map[string]bool, used map[string]string, rep *Report) ([]byte, error) {
	fm, body, bodyLine, ok := splitFrontMatter(b)
	var m meta
	if ok {
		if err := yaml.Unmarshal(fm, &m); err != nil {
			return nil, fmt.Errorf("front matter: %v", err)
		}
	} else {
		rep.note("%s: no front matter (no --- line): converted as a page named after the file", rel)
	}
	title := strings.TrimSpace(m.Name)
	if title == "" {
		title = strings.TrimSuffix(rel[strings.LastIndex(rel, "/")+1:], ".md")
	}
	id := strings.ToUpper(strings.TrimSpace(m.Acronym))
	if id == "" && m.ID != "" {
		id = sec.Prefix + "-" + strings.ToUpper(m.ID)
	}
	if id == "" {
		id = sec.Prefix + "-" + strings.ToUpper(strings.TrimSuffix(rel[strings.LastIndex(rel, "/")+1:], ".md"))
	}
	id = strings.Trim(idChars.ReplaceAllString(id, "-"), "-")
	base := id
	for n := 2; used[id] != ""; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	if id != base {
		rep.note("%s: ID %s is also %s's: this one is %s", rel, base, used[base], id)
	}
	used[id] = rel

	var controls, unknown []string
	frameworks := make([]string, 0, len(m.Satisfies))
	for f := range m.Satisfies {
		frameworks = append(frameworks, f)
	}
	sort.Strings(frameworks)
	for _, f := range frameworks {
		for _, c := range m.Satisfies[f] {
			if known[c] {
				controls = append(controls, c)
			} else {
				unknown = append(unknown, f+" "+c)
			}
		}
	}
	if len(unknown) > 0 {
		rep.note("%s: satisfies %s, which no standard defines: kept in params.comply.unresolved_satisfies, not in controls:", rel, strings.Join(unknown, ", "))
	}

	var out bytes.Buffer
	out.WriteString("---\n")
	fmt.Fprintf(&out, "id: %s\ntitle: %s\ntype: %s\n", id, quote(title), sec.Type)
	version := "1.0"
	if n := len(m.MajorRevisions); n > 0 {
		version = fmt.Sprintf("%d.0", n)
	}
	fmt.Fprintf(&out, "version: %q\nstatus: review\nowner: \"\"\napprover: \"\"\n", version)
	if len(controls) > 0 {
		fmt.Fprintf(&out, "controls: [%s]\n", strings.Join(controls, ", "))
	}
	if len(m.MajorRevisions) > 0 {
		out.WriteString("history:\n")
		for i, r := range m.MajorRevisions {
			fmt.Fprintf(&out, "  - version: \"%d.0\"\n", i+1)
			if d, ok := parseDate(r.Date); ok {
				fmt.Fprintf(&out, "    date: %s\n", d)
			} else if r.Date != "" {
				rep.note("%s: revision %d's date %q is not a date ismsgen reads: left out of its history entry", rel, i+1, r.Date)
			}
			fmt.Fprintf(&out, "    change: %s\n", quote(r.Comment))
		}
	}
	params := map[string]any{}
	var extra []string
	for k, v := range m.Other {
		var val any
		if err := v.Decode(&val); err == nil {
			params[k] = val
			extra = append(extra, k)
		}
	}
	if len(unknown) > 0 {
		params["unresolved_satisfies"] = unknown
	}
	if len(params) > 0 {
		pb, err := yaml.Marshal(map[string]any{"params": map[string]any{"comply": params}})
		if err != nil {
			return nil, err
		}
		out.Write(pb)
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		rep.note("%s: comply-only field%s %s kept in params.comply", rel, plural(len(extra)), strings.Join(extra, ", "))
	}
	out.WriteString("---\n")
	out.Write(convertBody(rel, body, bodyLine, rep))
	return out.Bytes(), nil
}

// parseDate reads the dates comply's templates write ("Jun 1 2018") and ISO dates.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"Jan 2 2006", "January 2 2006", "Jan 2, 2006", "January 2, 2006", "2006-01-02", "2 Jan 2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

var (
	fancyItem = regexp.MustCompile(`^(\s*)(?:[a-z]|[ivxl]+)\.(\s+)`)
	gridRule  = regexp.MustCompile(`^\s*\+[-=+:]+\+\s*$`)
)

// convertBody turns pandoc-only Markdown into CommonMark: a./b./i. list items (pandoc's
// fancy lists) become numbered items, \pagebreak lines are dropped; grid tables, which
// have no CommonMark form, are reported. Code blocks are left alone.
func convertBody(rel string, body []byte, firstLine int, rep *Report) []byte {
	lines := strings.SplitAfter(string(body), "\n")
	var out strings.Builder
	fence, lists, breaks := "", 0, 0
	for i, l := range lines {
		trim := strings.TrimSpace(l)
		switch {
		case fence != "":
			if strings.HasPrefix(trim, fence) {
				fence = ""
			}
		case strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~"):
			fence = trim[:3]
		case trim == `\pagebreak` || trim == `\newpage`:
			breaks++
			continue
		case gridRule.MatchString(l) && (i == 0 || !gridRule.MatchString(lines[i-1])) && (i == 0 || !strings.HasPrefix(strings.TrimSpace(lines[i-1]), "|")):
			rep.note("%s:%d: a pandoc grid table, which has no CommonMark form: rewrite it as a table of | cells (it shows as text until then)", rel, firstLine+i)
		case fancyItem.MatchString(l):
			l = fancyItem.ReplaceAllString(l, "${1}1.${2}")
			lists++
		}
		out.WriteString(l)
	}
	if lists > 0 {
		rep.note("%s: %d pandoc list item%s (a., i.) became numbered items", rel, lists, plural(lists))
	}
	if breaks > 0 {
		rep.note("%s: %d \\pagebreak line%s dropped (PDF packs break pages by themselves)", rel, breaks, plural(breaks))
	}
	return []byte(out.String())
}
