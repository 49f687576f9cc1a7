package ner

import (
	"github.com/newskg/newskg/extract/internal/linear"
	"strings"
	"unicode"
	"unicode/utf8"
)

func isUpper(c rune) bool { return unicode.IsUpper(c) }
func isLower(c rune) bool { return unicode.IsLower(c) }

// feature is a hashed feature.
type feature = linear.Feature

func hashParts(parts ...string) feature { return linear.Hash(parts...) }

// word is what the features read of one token, computed once.
type word struct {
	lower, shape, pos string
	cap               bool
	extra             []string
}

func words(toks []Token) []word {
	out := make([]word, len(toks))
	for i, t := range toks {
		c, _ := utf8.DecodeRuneInString(t.Text)
		out[i] = word{lower: strings.ToLower(t.Text), shape: shape(t.Text), pos: t.POS, cap: unicode.IsUpper(c), extra: t.Extra}
	}
	return out
}

// features returns the hashed features of each token of a sentence. They
// read the token, its neighbours two either side, their shapes, tags and
// extra facts, affixes, and where the token stands in the sentence.
func features(toks []Token) [][]feature {
	ws := words(toks)
	at := func(i int) word {
		switch {
		case i < 0:
			return word{lower: "<s>", shape: "<s>", pos: "<s>"}
		case i >= len(ws):
			return word{lower: "</s>", shape: "</s>", pos: "</s>"}
		}
		return ws[i]
	}
	out := make([][]feature, len(toks))
	for i := range toks {
		w, p, n := at(i), at(i-1), at(i+1)
		pp, nn := at(i-2), at(i+2)
		f := make([]feature, 0, 48+4*len(w.extra))
		add := func(parts ...string) { f = append(f, hashParts(parts...)) }
		add("bias")
		add("w", w.lower)
		add("w-1", p.lower)
		add("w+1", n.lower)
		add("w-2", pp.lower)
		add("w+2", nn.lower)
		add("w-1,w", p.lower, w.lower)
		add("w,w+1", w.lower, n.lower)
		add("s", w.shape)
		add("s-1", p.shape)
		add("s+1", n.shape)
		add("s-1,s", p.shape, w.shape)
		add("s,s+1", w.shape, n.shape)
		add("s-1,s,s+1", p.shape, w.shape, n.shape)
		add("p", w.pos)
		add("p-1", p.pos)
		add("p+1", n.pos)
		add("p-1,p", p.pos, w.pos)
		add("p,p+1", w.pos, n.pos)
		add("w-1,s", p.lower, w.shape)
		add("s,w+1", w.shape, n.lower)
		add("w-2,w-1,s", pp.lower, p.lower, w.shape)
		add("s,w+1,w+2", w.shape, n.lower, nn.lower)
		// prefixes and suffixes of one to four letters, cut at rune
		// boundaries without copying
		for k, n := 0, 0; k < len(w.lower) && n < 4; n++ {
			_, size := utf8.DecodeRuneInString(w.lower[k:])
			k += size
			add("pre", w.lower[:k])
		}
		for k, n := len(w.lower), 0; k > 0 && n < 4; n++ {
			_, size := utf8.DecodeLastRuneInString(w.lower[:k])
			k -= size
			add("suf", w.lower[k:])
		}
		if i == 0 {
			add("first", w.shape)
		}
		if w.cap && p.cap {
			add("cap-run-left")
		}
		if w.cap && n.cap {
			add("cap-run-right")
		}
		for _, e := range w.extra {
			add("x", e)
			add("x,s", e, w.shape)
		}
		for _, e := range p.extra {
			add("x-1", e)
		}
		for _, e := range n.extra {
			add("x+1", e)
		}
		for _, e := range pp.extra {
			add("x-2", e)
		}
		for _, e := range nn.extra {
			add("x+2", e)
		}
		out[i] = f
	}
	return out
}
