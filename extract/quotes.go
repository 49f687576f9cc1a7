package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// quote is a passage in quotation marks. Open and Close are the byte offsets
// of the marks; the content is text[Open+len(open mark):Close].
type quote struct {
	Open, Close  int // offsets of the opening and closing marks
	Start, End   int // content
	OpenTok      int // first token inside, or -1
	CloseTok     int // index of the closing mark's token, or -1
	AfterCloseTk int // first token after the closing mark
}

// findQuotes pairs quotation marks: curly “ ” and straight " marks. A quote
// left open at the end of a paragraph continues when the next paragraph opens
// with a quotation mark, as in English typesetting; otherwise it is dropped.
func (r *run) findQuotes() {
	text := r.text
	open := -1
	openLen := 0
	for i := 0; i < len(text); {
		c, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case c == '“' || (c == '"' && open < 0):
			if open >= 0 && c == '“' {
				// A new opening mark: continuation across paragraphs, or an
				// unclosed quote. Continue when a paragraph break lies between.
				if !strings.Contains(text[open:i], "\n") {
					open, openLen = i, n
				}
			} else {
				open, openLen = i, n
			}
		case (c == '”' || c == '"') && open >= 0:
			start, end := open+openLen, i
			if strings.TrimSpace(text[start:end]) != "" {
				r.quotes = append(r.quotes, quote{Open: open, Close: i, Start: start, End: end})
			}
			open = -1
		case c == '\n' && open >= 0:
			// paragraph end inside a quote: keep it open only if the next
			// paragraph begins with an opening mark
			j := i
			for j < len(text) && (text[j] == '\n' || text[j] == ' ' || text[j] == '\r' || text[j] == '\t') {
				j++
			}
			if j > i+1 || j == len(text) { // blank line: a paragraph break
				nc, _ := utf8.DecodeRuneInString(text[j:])
				if nc != '“' && nc != '"' {
					open = -1
				} else {
					i = j + utf8.RuneLen(nc)
					continue
				}
			}
		}
		i += n
	}
	// mark tokens inside quotes
	r.quoted = make([]bool, len(r.toks))
	for qi := range r.quotes {
		q := &r.quotes[qi]
		q.OpenTok, q.CloseTok = -1, -1
		a := sort.Search(len(r.toks), func(k int) bool { return r.toks[k].Start >= q.Start })
		b := sort.Search(len(r.toks), func(k int) bool { return r.toks[k].Start >= q.End })
		if a < b {
			q.OpenTok = a
		}
		for k := a; k < b; k++ {
			r.quoted[k] = true
		}
		c := sort.Search(len(r.toks), func(k int) bool { return r.toks[k].End > q.Close })
		if c < len(r.toks) && r.toks[c].Start <= q.Close {
			q.CloseTok = c
			q.AfterCloseTk = c + 1
		} else {
			q.AfterCloseTk = c
		}
	}
}

func isQuoteMark(s string) bool {
	switch s {
	case "“", "”", "\"", "‘", "’", "«", "»", "``", "''":
		return true
	}
	return false
}
