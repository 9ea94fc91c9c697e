package value

import (
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// maxExactDigits is how many decimal digits always fit a float64 exactly,
// so such integers can be accumulated without strconv.
const maxExactDigits = 15

// number consumes a JSON number. Integers of up to 15 digits, nearly all
// numbers in API objects, take a fast path; the rest go to strconv, which
// rounds to the nearest float64 (integers beyond 2^53 lose precision).
func (d *jsonDecoder) number() (lua.LValue, error) {
	data, start := d.data, d.pos
	i := start
	if data[i] == '-' {
		i++
	}
	digits := i
	switch {
	case i >= len(data):
		d.pos = i
		return nil, d.eof()
	case data[i] == '0':
		i++
	case '1' <= data[i] && data[i] <= '9':
		i = skipDigits(data, i)
	default:
		d.pos = i
		return nil, d.unexpected("in numeric literal")
	}
	intEnd := i
	i, err := d.fraction(i)
	if err != nil {
		return nil, err
	}
	d.pos = i
	if i == intEnd && intEnd-digits <= maxExactDigits {
		return lua.LNumber(smallInt(data[start:i])), nil
	}
	f, err := strconv.ParseFloat(string(data[start:i]), 64)
	if err != nil {
		d.pos = start
		return nil, d.errorf("number " + string(data[start:i]) + " is out of range")
	}
	return lua.LNumber(f), nil
}

// fraction consumes the optional fraction and exponent from data[i].
func (d *jsonDecoder) fraction(i int) (int, error) {
	data := d.data
	if i < len(data) && data[i] == '.' {
		var err error
		if i, err = d.digits(i + 1); err != nil {
			return 0, err
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		return d.digits(i)
	}
	return i, nil
}

// digits consumes one or more digits from data[i].
func (d *jsonDecoder) digits(i int) (int, error) {
	switch {
	case i >= len(d.data):
		d.pos = i
		return 0, d.eof()
	case d.data[i] < '0' || d.data[i] > '9':
		d.pos = i
		return 0, d.unexpected("in numeric literal")
	}
	return skipDigits(d.data, i), nil
}

func skipDigits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

// smallInt converts an optionally negative run of at most 15 digits.
func smallInt(b []byte) float64 {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	var n int64
	for _, c := range b {
		n = n*10 + int64(c-'0')
	}
	if neg {
		return -float64(n)
	}
	return float64(n)
}
