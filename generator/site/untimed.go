package site

import (
	"maps"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// Lexers without chroma's match timeout.
//
// chroma compiles every rule of a lexer with a match timeout of 250 ms of wall-clock
// time (regexp2's, on a clock a goroutine advances every 100 ms) and takes a match that
// runs out for no match: a later rule, or an error token, then lexes the text. On a
// loaded machine, or in a process the system paused, an ordinary line of YAML ran out
// now and then ("encryption: aes-256" lexed as one string, not a key and a value), so
// the same page rendered twice could differ: the build was not reproducible, and the
// live preview, which copies an unchanged page from its previous render, kept the
// wrong highlighting until the document changed. The highlighter lexes with copies of
// chroma's lexers whose rules never time out: a block is highlighted the same on any
// machine, under any load. What chroma delegates outside its regex lexers (markdown's
// fenced code, the template languages made of two lexers) still has the timeout.

// untimedState names the state of the one rule that takes a copy's timeouts off.
const untimedState = "\x00untimed"

// untimedMutator is a rule of no other state's: chroma runs it once, as it compiles the
// lexer, after it has compiled every pattern, and it deletes its own state.
type untimedMutator struct{}

func (untimedMutator) Mutate(*chroma.LexerState) error { return nil }

func (untimedMutator) MutateLexer(rules chroma.CompiledRules, state string, _ int) error {
	for _, rs := range rules {
		for _, r := range rs {
			if r.Regexp != nil {
				r.Regexp.MatchTimeout = regexp2.DefaultMatchTimeout // none
			}
		}
	}
	delete(rules, state)
	return nil
}

// untimed returns a copy of a regex lexer whose rules never time out, delegating to the
// lexers of reg (Using); a lexer of another kind is returned as it is, and ok is false.
// The copy compiles its rules when it first lexes.
func untimed(l chroma.Lexer, reg *chroma.LexerRegistry) (_ chroma.Lexer, ok bool) {
	base, isRegex := l.(*chroma.RegexLexer)
	if !isRegex {
		return l, false
	}
	cp, err := chroma.NewLexer(base.Config(), func() chroma.Rules {
		rules, err := base.Rules()
		if err != nil {
			return nil // the copy fails to lex, as the lexer does
		}
		rules = maps.Clone(rules)
		rules[untimedState] = []chroma.Rule{{Mutator: untimedMutator{}}}
		return rules
	})
	if err != nil {
		return l, false
	}
	cp.SetRegistry(reg)
	return cp, true
}

// kept is a lexer of chroma's registry registered as it is in another: it stays pointed
// at chroma's registry.
type kept struct{ chroma.Lexer }

func (k kept) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return k }

// untimedRegistry returns chroma's registry of lexers with the regex lexers untimed, for
// the lexers a lexer delegates to by name.
func untimedRegistry() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if cp, ok := untimed(l, reg); ok {
			reg.Register(cp)
		} else {
			reg.Register(kept{l})
		}
	}
	return reg
}
