/*
 * The console service: programs write to it exactly as to the console device (CON_WRITE
 * [nbytes, bytes...]); it keeps a line buffer per writing tile and sends the device only
 * whole lines, each prefixed with the writer's name ("[dispatch] ...") when the root has
 * named the tile (CON_NAME), else its tile id. Lines of different programs never mix,
 * whatever the device does, and the device sees one writer. CON_SYNC from its supervisor
 * is answered once every message before it is written out.
 */
#include "msg.h"

#define WRITERS   64
#define LINE_MAX  120

typedef struct {
	uint32_t tile, name[2];
	uint32_t n;
	char buf[LINE_MAX];
} writer;

/*
 * The table lives in main's frame, not in .bss: crt0 zeroes .bss at about 6 cycles a
 * word, and 8.7 KB of it would keep the service deaf for 13,000 cycles after its
 * start. An entry is initialised when find() hands it out.
 */
static writer *ws;
static uint32_t nws;

static writer *find(uint32_t tile)
{
	for (uint32_t i = 0; i < nws; i++)
		if (ws[i].tile == tile)
			return &ws[i];
	if (nws == WRITERS)
		return &ws[WRITERS - 1];   /* shared by the rest: still whole lines */
	ws[nws] = (writer){ .tile = tile };
	return &ws[nws++];
}

/* Sends bytes to the device in messages of up to 60. */
static void out(const char *s, uint32_t n)
{
	uint32_t w[16];
	for (uint32_t at = 0; at < n; at += 60) {
		uint32_t k = n - at < 60 ? n - at : 60;
		for (uint32_t i = 0; i < 15; i++)
			w[1 + i] = 0;
		for (uint32_t i = 0; i < k; i++)
			w[1 + i / 4] |= (uint32_t)(uint8_t)s[at + i] << (8 * (i % 4));
		w[0] = k;
		tess_send(SLOT_CONSOLE, TESS_CON_WRITE, w, 1 + (k + 3) / 4);
	}
}

static void emit(writer *w)
{
	char line[LINE_MAX + 16];
	uint32_t n = 0;
	line[n++] = '[';
	if (w->name[0]) {
		for (uint32_t i = 0; i < 8 && (w->name[i / 4] >> (8 * (i % 4)) & 255); i++)
			line[n++] = (char)(w->name[i / 4] >> (8 * (i % 4)));
	} else {
		char d[10];
		uint32_t k = 0, t = w->tile;
		do {
			d[k++] = (char)('0' + t % 10);
			t /= 10;
		} while (t);
		while (k)
			line[n++] = d[--k];
	}
	line[n++] = ']';
	line[n++] = ' ';
	for (uint32_t i = 0; i < w->n; i++)
		line[n++] = w->buf[i];
	if (!w->n || w->buf[w->n - 1] != '\n')
		line[n++] = '\n';   /* a line too long for the buffer is cut here */
	out(line, n);
	w->n = 0;
}

static void write_bytes(const tess_msg *m)
{
	writer *w = find(m->src);
	uint32_t n = m->w[0];
	if (n > 4 * (tess_msg_len(m) - 1))
		n = 4 * (tess_msg_len(m) - 1);
	for (uint32_t i = 0; i < n; i++) {
		char c = (char)(m->w[1 + i / 4] >> (8 * (i % 4)));
		w->buf[w->n++] = c;
		if (c == '\n' || w->n == LINE_MAX)
			emit(w);
	}
}

int main(void)
{
	writer table[WRITERS];
	tess_msg m;
	ws = table;
	for (;;) {
		os_recv(&m);
		if (tess_msg_tag(&m) == TESS_CON_WRITE && tess_msg_len(&m) >= 1)
			write_bytes(&m);
		else if (tess_msg_tag(&m) == TAG_CON_SYNC)   /* the end of a run */
			tess_send(SLOT_SUPERVISOR, TAG_CON_SYNC, 0, 0);
		else if (tess_msg_tag(&m) == TAG_CON_NAME && tess_msg_len(&m) == 3) {
			writer *w = find(m.w[0]);
			w->name[0] = m.w[1];
			w->name[1] = m.w[2];
		}
	}
}
