// Package postag assigns Penn Treebank part-of-speech tags. It is prose's
// averaged-perceptron tagger (github.com/jdkato/prose/v3/tag): the same
// model bytes, the same features, the same special cases and so the same
// tags, which TestSameTagsAsProse checks on the benchmark corpus. What
// differs is the lookup. prose finds each of a token's 14 features by
// binary search over 75k sorted strings, built in a buffer; here a feature
// is hashed as its parts are read (FNV-1a over the bytes prose would have
// joined) and found in an open-addressing table. That was a fifth of all
// extraction time and is now a small part of it.
//
// A feature that is not in the model could share its 64-bit hash with one
// that is: with 75k model features the chance is about 4·10⁻¹⁵ per lookup,
// which no corpus reaches. Two model features never share a hash: New
// refuses such a model.
package postag

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tag/aptagmodel"
	"github.com/newskg/newskg/extract/internal/linear"
)

// Tagger tags tokens. It is read-only after New and safe for concurrent
// use.
type Tagger struct {
	classes  []string
	features *linear.Table // feature hash -> index into pairOff
	pairOff  []uint32
	classIDs []uint8
	weights  []float32
	tagMap   map[string]uint8
	// template hashes: the FNV-1a state after each feature's fixed prefix
	tpl [nTemplates]uint64
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv continues an FNV-1a hash over s.
func fnv(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// The feature templates, in the order prose scores them; each is the fixed
// prefix of the feature's key.
const (
	tBias = iota
	tSuffix
	tPref1
	tTag1
	tTag2
	tTag12
	tWord
	tTag1Word
	tWordM1
	tSuffixM1
	tWordM2
	tWordP1
	tSuffixP1
	tWordP2
	nTemplates
)

var templates = [nTemplates]string{
	tBias: "bias", tSuffix: "i suffix ", tPref1: "i pref1 ", tTag1: "i-1 tag ", tTag2: "i-2 tag ",
	tTag12: "i tag+i-2 tag ", tWord: "i word ", tTag1Word: "i-1 tag+i word ", tWordM1: "i-1 word ",
	tSuffixM1: "i-1 suffix ", tWordM2: "i-2 word ", tWordP1: "i+1 word ", tSuffixP1: "i+1 suffix ",
	tWordP2: "i+2 word ",
}

// New returns a tagger over prose's English model.
func New() (*Tagger, error) { return FromBytes(aptagmodel.English) }

// FromBytes reads a model in prose's flat format (the layout is documented
// in prose's internal/flat package).
func FromBytes(data []byte) (*Tagger, error) {
	r := &reader{b: data}
	if string(r.bytes(8)) != "PROSETAG" {
		return nil, errors.New("postag: not a prose flat tagger model")
	}
	if v := r.u32(); v != 1 {
		return nil, fmt.Errorf("postag: unsupported model version %d", v)
	}
	t := &Tagger{}
	nClasses := int(r.u32())
	if nClasses > 256 {
		return nil, fmt.Errorf("postag: %d classes, at most 256", nClasses)
	}
	for i := 0; i < nClasses && r.err == nil; i++ {
		t.classes = append(t.classes, r.str16())
	}
	nFeatures, nPairs, blobLen := int(r.u32()), int(r.u32()), int(r.u32())
	blob := r.bytes(blobLen)
	featOff := r.u32s(nFeatures + 1)
	t.pairOff = r.u32s(nFeatures + 1)
	t.classIDs = append([]uint8(nil), r.bytes(nPairs)...)
	for _, u := range r.u32s(nPairs) {
		t.weights = append(t.weights, math.Float32frombits(u))
	}
	nTagMap := int(r.u32())
	t.tagMap = make(map[string]uint8, nTagMap)
	for i := 0; i < nTagMap && r.err == nil; i++ {
		w := r.str16()
		t.tagMap[w] = r.u8()
	}
	if r.err != nil {
		return nil, fmt.Errorf("postag: %w", r.err)
	}
	if len(t.classIDs) != nPairs || len(t.pairOff) != nFeatures+1 || int(t.pairOff[nFeatures]) != nPairs ||
		int(featOff[nFeatures]) != blobLen {
		return nil, errors.New("postag: inconsistent offsets")
	}
	for _, id := range t.classIDs {
		if int(id) >= nClasses {
			return nil, fmt.Errorf("postag: class %d of %d", id, nClasses)
		}
	}
	for w, id := range t.tagMap {
		if int(id) >= nClasses {
			return nil, fmt.Errorf("postag: word %q has class %d of %d", w, id, nClasses)
		}
	}
	t.features = linear.NewTable(nFeatures)
	for i := 0; i < nFeatures; i++ {
		lo, hi := featOff[i], featOff[i+1]
		if lo > hi || t.pairOff[i] > t.pairOff[i+1] {
			return nil, fmt.Errorf("postag: feature %d: offsets out of order", i)
		}
		f := linear.Feature(fnv(fnvOffset, string(blob[lo:hi])))
		if _, dup := t.features.Get(f); dup {
			return nil, fmt.Errorf("postag: feature %q shares its hash with another", blob[lo:hi])
		}
		t.features.Put(f, int32(i))
	}
	for k, s := range templates {
		t.tpl[k] = fnv(fnvOffset, s)
	}
	return t, nil
}

// TagTokens sets the Tag of each token from its Text, treating the tokens
// as one sentence, as prose's Tagger.TagTokens does.
func (t *Tagger) TagTokens(tokens []tag.Token) {
	if len(tokens) == 0 {
		return
	}
	ctx := make([]string, len(tokens)+4)
	ctx[0], ctx[1] = "-START-", "-START2-"
	for i := range tokens {
		ctx[i+2] = normalize(tokens[i].Text)
	}
	ctx[len(ctx)-2], ctx[len(ctx)-1] = "-END-", "-END2-"
	scores := make([]float32, len(t.classes))
	p1, p2 := "-START-", "-START2-"
	for i := range tokens {
		tg := t.tagOne(scores, i, ctx, tokens[i].Text, p1, p2)
		tokens[i].Tag = tg
		p2, p1 = p1, tg
	}
}

// Penn Treebank traces and bracket literals pass through unscored, as in
// prose.
var (
	noneRe = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepRe = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

func (t *Tagger) tagOne(scores []float32, i int, ctx []string, word, p1, p2 string) string {
	switch {
	case word == "-":
		return "-"
	case emoticons[word]:
		return "SYM"
	case strings.HasPrefix(word, "@"):
		return "NN"
	}
	// the regular expressions only match words starting with '0', '*' or '-'
	if word != "" && (word[0] == '0' || word[0] == '*' || word[0] == '-') {
		switch {
		case noneRe.MatchString(word):
			return "-NONE-"
		case keepRe.MatchString(word):
			return word
		}
	}
	if id, ok := t.tagMap[word]; ok {
		return t.classes[id]
	}
	return t.predict(scores, i, ctx, word, p1, p2)
}

func (t *Tagger) predict(scores []float32, i int, ctx []string, word, p1, p2 string) string {
	for j := range scores {
		scores[j] = 0
	}
	i = min(len(ctx)-3, i+2)
	t.add(scores, fnv(t.tpl[tBias], ""))
	t.add(scores, fnv(t.tpl[tSuffix], suffix(word, 3)))
	t.add(scores, fnv(t.tpl[tPref1], prefix1(word)))
	t.add(scores, fnv(t.tpl[tTag1], p1))
	t.add(scores, fnv(t.tpl[tTag2], p2))
	t.add(scores, fnv(fnv(fnv(t.tpl[tTag12], p1), " "), p2))
	t.add(scores, fnv(t.tpl[tWord], ctx[i]))
	t.add(scores, fnv(fnv(fnv(t.tpl[tTag1Word], p1), " "), ctx[i]))
	t.add(scores, fnv(t.tpl[tWordM1], ctx[i-1]))
	t.add(scores, fnv(t.tpl[tSuffixM1], suffix(ctx[i-1], 3)))
	t.add(scores, fnv(t.tpl[tWordM2], ctx[i-2]))
	t.add(scores, fnv(t.tpl[tWordP1], ctx[i+1]))
	t.add(scores, fnv(t.tpl[tSuffixP1], suffix(ctx[i+1], 3)))
	t.add(scores, fnv(t.tpl[tWordP2], ctx[i+2]))
	best, bestID := float32(math.Inf(-1)), -1
	for id, s := range scores {
		if s > best {
			best, bestID = s, id
		}
	}
	if bestID < 0 {
		return ""
	}
	return t.classes[bestID]
}

// add adds the weights of the feature with hash h, if the model has it.
func (t *Tagger) add(scores []float32, h uint64) {
	i, ok := t.features.Get(linear.Feature(h))
	if !ok {
		return
	}
	lo, hi := t.pairOff[i], t.pairOff[i+1]
	ids, ws := t.classIDs[lo:hi], t.weights[lo:hi]
	for j, id := range ids {
		scores[id] += ws[j]
	}
}

// suffix returns the last n bytes of w (bytes, not runes: the model was
// trained so).
func suffix(w string, n int) string {
	if len(w) <= n {
		return w
	}
	return w[len(w)-n:]
}

func prefix1(w string) string {
	if w == "" {
		return ""
	}
	return w[:1]
}

// normalize maps a word onto the form the model was trained on.
func normalize(word string) string {
	if word == "" {
		return word
	}
	first := word[0]
	if first != '-' && strings.IndexByte(word, '-') >= 0 {
		return "!HYPHEN"
	}
	if len(word) == 4 && isDecimalInt(word) {
		return "!YEAR"
	}
	if first >= '0' && first <= '9' {
		return "!DIGITS"
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; (c >= 'A' && c <= 'Z') || c >= utf8.RuneSelf {
			return strings.ToLower(word)
		}
	}
	return word
}

// isDecimalInt reports whether s is an optional sign and ASCII digits.
func isDecimalInt(s string) bool {
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i = 1
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// reader reads the little-endian flat format; the first error sticks.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || r.pos+n > len(r.b) {
		r.err = fmt.Errorf("truncated at byte %d (want %d more)", r.pos, n)
		return nil
	}
	b := r.b[r.pos : r.pos+n]
	r.pos += n
	return b
}

func (r *reader) u8() uint8 {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u32s(n int) []uint32 {
	b := r.bytes(4 * n)
	if b == nil {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

func (r *reader) str16() string {
	b := r.bytes(2)
	if b == nil {
		return ""
	}
	return string(r.bytes(int(binary.LittleEndian.Uint16(b))))
}
