package extract

import (
	"strconv"
	"strings"
	"time"
)

// timex is a date expression found in the text, resolved against the
// publication date.
type timex struct {
	Start, End int // token range
	Date       Date
	// Since marks "since 2017": it dates what it follows ("sanctions since
	// 2011") and what comes after it, not the rest of the sentence.
	Since bool
}

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

var months = map[string]time.Month{
	"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
	"August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
	"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8,
	"Sep.": 9, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "several": 0,
}

// findDates finds the date expressions in tokens [a,b). Without a
// publication date only absolute dates (years, full dates) resolve.
func (r *run) findDates(a, b int) []timex {
	pub := r.doc.Article.Date
	has := r.doc.Article.HasDate()
	var out []timex
	word := func(k int) string {
		if k < a || k >= b {
			return ""
		}
		return r.toks[k].Text
	}
	lower := func(k int) string { return strings.ToLower(word(k)) }
	for k := a; k < b; k++ {
		w := r.toks[k].Text
		lw := strings.ToLower(w)
		switch {
		case weekdays[w] != 0 || w == "Sunday":
			if !has {
				continue
			}
			wd := weekdays[w]
			d := pub
			switch lower(k - 1) {
			case "next":
				d = d.AddDate(0, 0, 1)
				for d.Weekday() != wd {
					d = d.AddDate(0, 0, 1)
				}
			case "last":
				d = d.AddDate(0, 0, -1)
				fallthrough
			default:
				for d.Weekday() != wd {
					d = d.AddDate(0, 0, -1)
				}
			}
			out = append(out, timex{Start: k, End: k + 1, Date: Date{d, Day}})
		case months[w] != 0 && (w != "May" || isNumber(word(k+1)) || isNumber(word(k-1)) || lower(k-1) == "in" || lower(k-1) == "last"):
			m := months[w]
			start, end := k, k+1
			day, year := 0, 0
			if n, ok := atoi(word(k + 1)); ok && n >= 1 && n <= 31 {
				day, end = n, k+2
				if word(end) == "," {
					if y, ok := atoi(word(end + 1)); ok && y > 1000 {
						year, end = y, end+2
					}
				} else if y, ok := atoi(word(end)); ok && y > 1000 {
					year, end = y, end+1
				}
			} else if n, ok := atoi(word(k - 1)); ok && n >= 1 && n <= 31 {
				day, start = n, k-1
				if y, ok := atoi(word(k + 1)); ok && y > 1000 {
					year, end = y, k+2
				}
			} else if y, ok := atoi(word(k + 1)); ok && y > 1000 {
				year, end = y, k+2
			}
			if year == 0 {
				if !has {
					continue
				}
				year = pub.Year()
				switch lower(start - 1) {
				case "last":
					if m >= pub.Month() {
						year--
					}
				case "next":
					if m <= pub.Month() {
						year++
					}
				default:
					if m > pub.Month()+1 && r.pastTense(a, b) {
						year-- // in a past-tense sentence, a month later in the year is last year's
					}
				}
			}
			if day > 0 {
				out = append(out, timex{Start: start, End: end, Date: Date{time.Date(year, m, day, 0, 0, 0, 0, time.UTC), Day}})
			} else {
				out = append(out, timex{Start: start, End: end, Date: Date{time.Date(year, m, 1, 0, 0, 0, 0, time.UTC), Month}})
			}
			k = end - 1
		case lw == "weekend" && (lower(k-1) == "this" || lower(k-1) == "the"):
			if !has {
				continue
			}
			d := pub // the Saturday of the publication week
			if d.Weekday() == time.Sunday {
				d = d.AddDate(0, 0, -1)
			}
			for d.Weekday() != time.Saturday {
				d = d.AddDate(0, 0, 1)
			}
			out = append(out, timex{Start: k - 1, End: k + 1, Date: Date{d, Day}})
		case lw == "today" || lw == "yesterday" || lw == "tomorrow" || lw == "tonight":
			if !has {
				continue
			}
			d := pub
			if lw == "yesterday" {
				d = d.AddDate(0, 0, -1)
			} else if lw == "tomorrow" {
				d = d.AddDate(0, 0, 1)
			}
			out = append(out, timex{Start: k, End: k + 1, Date: Date{d, Day}})
		case (lw == "year" || lw == "month") && (lower(k-1) == "this" || lower(k-1) == "last" || lower(k-1) == "next"):
			if !has {
				continue
			}
			n := map[string]int{"this": 0, "last": -1, "next": 1}[lower(k-1)]
			start := k - 1
			if lower(k-2) == "earlier" || lower(k-2) == "later" {
				start = k - 2
			}
			if lw == "year" {
				out = append(out, timex{Start: start, End: k + 1, Date: Date{time.Date(pub.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC), Year}})
			} else {
				out = append(out, timex{Start: start, End: k + 1, Date: Date{time.Date(pub.Year(), pub.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC), Month}})
			}
		case lw == "ago" && k-2 >= a:
			if !has {
				continue
			}
			unit := strings.TrimSuffix(lower(k-1), "s")
			n, ok := atoi(word(k - 2))
			if !ok {
				n, ok = numberWords[lower(k-2)]
			}
			if !ok || n == 0 {
				continue
			}
			switch unit {
			case "year":
				out = append(out, timex{Start: k - 2, End: k + 1, Date: Date{time.Date(pub.Year()-n, 1, 1, 0, 0, 0, 0, time.UTC), Year}})
			case "month":
				out = append(out, timex{Start: k - 2, End: k + 1, Date: Date{time.Date(pub.Year(), pub.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC), Month}})
			case "day":
				out = append(out, timex{Start: k - 2, End: k + 1, Date: Date{pub.AddDate(0, 0, -n), Day}})
			case "week":
				out = append(out, timex{Start: k - 2, End: k + 1, Date: Date{pub.AddDate(0, 0, -7*n), Month}})
			}
		default:
			if y, ok := atoi(w); ok && len(w) == 4 && y >= 1800 && y <= 2200 && r.toks[k].Tag == "CD" {
				out = append(out, timex{Start: k, End: k + 1, Date: Date{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), Year}})
			}
		}
	}
	for i, t := range out {
		if t.Start > a && strings.EqualFold(r.toks[t.Start-1].Text, "since") {
			out[i].Since = true
		}
	}
	return out
}

func atoi(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "th"), "st"), "nd"), "rd")
	if s == "" || (s[0] < '0' || s[0] > '9') && s[0] != '-' && s[0] != '+' {
		return 0, false // the common case, without Atoi's error value
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func isNumber(s string) bool { _, ok := atoi(s); return ok }
