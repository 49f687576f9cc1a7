package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newskg/newskg/extract/internal/linear"
)

func isUpper(c rune) bool { return unicode.IsUpper(c) }
func isLower(c rune) bool { return unicode.IsLower(c) }

// feature is a hashed feature.
type feature = linear.Feature

// Features are made in two steps, so that no string is hashed twice: each
// word's strings (lower case, shape, tag, extra facts, affixes) are hashed
// once, and a feature mixes its template's number with the hashes of the
// values it reads. mix is a multiply-rotate combiner with a final
// avalanche, so that the low bits, which index the model's table, depend
// on every input bit.
func mix(tpl uint64, vals ...uint64) feature {
	h := tpl*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019
	for _, v := range vals {
		h = bits.RotateLeft64(h^v, 27)*0x94d049bb133111eb + 0x2545f4914f6cdd1d
	}
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	return feature(h)
}

// strHash hashes a value string (FNV-1a).
func strHash(s string) uint64 { return uint64(linear.Hash(s)) }

// word is what the features read of one token, hashed once.
type word struct {
	lower, shape, pos uint64
	cap               bool
	extra             []uint64
	pre, suf          [4]uint64 // affixes of 1..4 runes; n of them set
	nAffix            int
}

// the feature templates
const (
	fBias = iota
	fW
	fWm1
	fWp1
	fWm2
	fWp2
	fWm1W
	fWWp1
	fS
	fSm1
	fSp1
	fSm1S
	fSSp1
	fSm1SSp1
	fP
	fPm1
	fPp1
	fPm1P
	fPPp1
	fWm1S
	fSWp1
	fWm2Wm1S
	fSWp1Wp2
	fPre
	fSuf
	fFirst
	fCapLeft
	fCapRight
	fX
	fXS
	fXm1
	fXp1
	fXm2
	fXp2
)

var (
	startWord = word{lower: strHash("<s>"), shape: strHash("<s>"), pos: strHash("<s>")}
	endWord   = word{lower: strHash("</s>"), shape: strHash("</s>"), pos: strHash("</s>")}
)

func words(toks []Token) []word {
	out := make([]word, len(toks))
	for i, t := range toks {
		c, _ := utf8.DecodeRuneInString(t.Text)
		lower := strings.ToLower(t.Text)
		w := word{lower: strHash(lower), shape: strHash(shape(t.Text)), pos: strHash(t.POS), cap: unicode.IsUpper(c)}
		if len(t.Extra) > 0 {
			w.extra = make([]uint64, len(t.Extra))
			for k, e := range t.Extra {
				w.extra[k] = strHash(e)
			}
		}
		// prefixes and suffixes of one to four runes
		n := 0
		for k := 0; k < len(lower) && n < 4; n++ {
			_, size := utf8.DecodeRuneInString(lower[k:])
			k += size
			w.pre[n] = strHash(lower[:k])
		}
		for k, m := len(lower), 0; k > 0 && m < 4; m++ {
			_, size := utf8.DecodeLastRuneInString(lower[:k])
			k -= size
			w.suf[m] = strHash(lower[k:])
		}
		w.nAffix = n
		out[i] = w
	}
	return out
}

// features returns the hashed features of each token of a sentence (the
// trainer keeps them; Tag computes them token by token).
func features(toks []Token) [][]feature {
	ws := words(toks)
	out := make([][]feature, len(toks))
	for i := range toks {
		out[i] = tokenFeatures(nil, ws, i)
	}
	return out
}

// tokenFeatures appends the features of token i to buf. They read the
// token, its neighbours two either side, their shapes, tags and extra
// facts, affixes, and where the token stands in the sentence.
func tokenFeatures(buf []feature, ws []word, i int) []feature {
	at := func(i int) *word {
		switch {
		case i < 0:
			return &startWord
		case i >= len(ws):
			return &endWord
		}
		return &ws[i]
	}
	w, p, n := at(i), at(i-1), at(i+1)
	pp, nn := at(i-2), at(i+2)
	add := func(tpl uint64, vals ...uint64) { buf = append(buf, mix(tpl, vals...)) }
	add(fBias)
	add(fW, w.lower)
	add(fWm1, p.lower)
	add(fWp1, n.lower)
	add(fWm2, pp.lower)
	add(fWp2, nn.lower)
	add(fWm1W, p.lower, w.lower)
	add(fWWp1, w.lower, n.lower)
	add(fS, w.shape)
	add(fSm1, p.shape)
	add(fSp1, n.shape)
	add(fSm1S, p.shape, w.shape)
	add(fSSp1, w.shape, n.shape)
	add(fSm1SSp1, p.shape, w.shape, n.shape)
	add(fP, w.pos)
	add(fPm1, p.pos)
	add(fPp1, n.pos)
	add(fPm1P, p.pos, w.pos)
	add(fPPp1, w.pos, n.pos)
	add(fWm1S, p.lower, w.shape)
	add(fSWp1, w.shape, n.lower)
	add(fWm2Wm1S, pp.lower, p.lower, w.shape)
	add(fSWp1Wp2, w.shape, n.lower, nn.lower)
	for k := 0; k < w.nAffix; k++ {
		add(fPre, w.pre[k])
		add(fSuf, w.suf[k])
	}
	if i == 0 {
		add(fFirst, w.shape)
	}
	if w.cap && p.cap {
		add(fCapLeft)
	}
	if w.cap && n.cap {
		add(fCapRight)
	}
	for _, e := range w.extra {
		add(fX, e)
		add(fXS, e, w.shape)
	}
	for _, e := range p.extra {
		add(fXm1, e)
	}
	for _, e := range n.extra {
		add(fXp1, e)
	}
	for _, e := range pp.extra {
		add(fXm2, e)
	}
	for _, e := range nn.extra {
		add(fXp2, e)
	}
	return buf
}
