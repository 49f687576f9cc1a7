// Package ner is a named-entity tagger: a linear sequence model over BILOU
// tags (Begin, Inside, Last, Unit, Outside) for persons, organisations and
// places, trained as an averaged structured perceptron and decoded with
// Viterbi over the legal tag transitions.
//
// The package knows nothing of tokenisation or gazetteers: a caller gives
// it sentences of tokens, each with its text, its part-of-speech tag and
// whatever extra facts it knows (gazetteer membership, a rule's opinion) as
// opaque feature strings. The invariants:
//
//   - Tag returns one label per token, and the labels always form legal
//     BILOU sequences, so Spans never fails to decode them;
//   - Train with the same sentences and Options gives the same Model, and
//     Model.WriteTo the same bytes.
package ner

import (
	"fmt"
	"strings"
)

// Types are the entity types the tagger knows, in label order.
var Types = [...]string{"PER", "ORG", "LOC"}

// Token is one word of a sentence.
type Token struct {
	Text string
	// POS is the part-of-speech tag (Penn Treebank).
	POS string
	// Extra are further facts about the token, each an opaque feature
	// ("given-name", "gaz-place-B").
	Extra []string
}

// Span is an entity mention: tokens [Start, End) of a sentence.
type Span struct {
	Start, End int
	Type       string // one of Types
}

// Sentence is a tokenised sentence with, for training, its gold spans.
type Sentence struct {
	Tokens []Token
	Spans  []Span
}

// A label is O or a BILOU prefix with a type.
type label uint8

const (
	prefixB = iota
	prefixI
	prefixL
	prefixU
)

// nLabels is O plus four prefixes for each type.
const nLabels = 1 + 4*len(Types)

const labelO label = 0

func mkLabel(prefix, typ int) label { return label(1 + typ*4 + prefix) }

func (l label) prefix() int { return (int(l) - 1) % 4 }
func (l label) typ() int    { return (int(l) - 1) / 4 }

func (l label) String() string {
	if l == labelO {
		return "O"
	}
	return "BILU"[l.prefix():l.prefix()+1] + "-" + Types[l.typ()]
}

// legal reports whether label b may follow label a (a = -1 at the start of
// a sentence; b = -1 at its end).
func legal(a, b int) bool {
	open := a > 0 && (label(a).prefix() == prefixB || label(a).prefix() == prefixI)
	if b < 0 {
		return !open
	}
	lb := label(b)
	cont := b > 0 && (lb.prefix() == prefixI || lb.prefix() == prefixL)
	if open {
		return cont && lb.typ() == label(a).typ()
	}
	return !cont
}

// encode turns gold spans into one label per token.
func encode(n int, spans []Span) ([]label, error) {
	out := make([]label, n)
	for _, s := range spans {
		t := typeIndex(s.Type)
		if t < 0 {
			return nil, fmt.Errorf("span %d-%d: unknown type %q", s.Start, s.End, s.Type)
		}
		if s.Start < 0 || s.End > n || s.Start >= s.End {
			return nil, fmt.Errorf("span %d-%d outside a sentence of %d tokens", s.Start, s.End, n)
		}
		for k := s.Start; k < s.End; k++ {
			if out[k] != labelO {
				return nil, fmt.Errorf("span %d-%d overlaps another", s.Start, s.End)
			}
		}
		if s.End-s.Start == 1 {
			out[s.Start] = mkLabel(prefixU, t)
			continue
		}
		out[s.Start] = mkLabel(prefixB, t)
		for k := s.Start + 1; k < s.End-1; k++ {
			out[k] = mkLabel(prefixI, t)
		}
		out[s.End-1] = mkLabel(prefixL, t)
	}
	return out, nil
}

// decode turns a legal label sequence into spans.
func decode(labels []label) []Span {
	var out []Span
	start := -1
	for i, l := range labels {
		if l == labelO {
			continue
		}
		switch l.prefix() {
		case prefixU:
			out = append(out, Span{Start: i, End: i + 1, Type: Types[l.typ()]})
		case prefixB:
			start = i
		case prefixL:
			if start >= 0 {
				out = append(out, Span{Start: start, End: i + 1, Type: Types[l.typ()]})
			}
			start = -1
		}
	}
	return out
}

func typeIndex(t string) int {
	for i, x := range Types {
		if x == t {
			return i
		}
	}
	return -1
}

// shape maps a word to its character classes with runs collapsed:
// "McDonald" → "XxXx", "G7" → "Xd", "U.S." → "X.X.".
func shape(w string) string {
	var b strings.Builder
	var last rune
	for _, c := range w {
		var k rune
		switch {
		case c >= 'A' && c <= 'Z', c > 127 && isUpper(c):
			k = 'X'
		case c >= 'a' && c <= 'z', c > 127 && isLower(c):
			k = 'x'
		case c >= '0' && c <= '9':
			k = 'd'
		default:
			k = c
		}
		if k != last || (k != 'X' && k != 'x' && k != 'd') {
			b.WriteRune(k)
		}
		last = k
		if b.Len() > 8 {
			break
		}
	}
	return b.String()
}
