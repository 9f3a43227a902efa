// Host side of the behavioural devices: DPI-C functions of rtl/tess_dev_console.sv and
// rtl/tess_dev_block.sv (see ctl_dev_host.h).
#include "ctl_dev_host.h"

#include <cstring>
#include <string>
#include <vector>

#include "svdpi.h"

namespace {
dev_host_out_fn out_fn = nullptr;
void *out_ctx = nullptr;
std::string input;
size_t input_at = 0;
std::vector<uint8_t> disk;
constexpr size_t kSector = 32;
}  // namespace

extern "C" void dev_host_on_output(dev_host_out_fn fn, void *ctx)
{
	out_fn = fn;
	out_ctx = ctx;
}

extern "C" void dev_host_set_input(const char *b, size_t n)
{
	input.assign(b, n);
	input_at = 0;
}

extern "C" int dev_host_set_disk(const uint8_t *img, size_t bytes)
{
	if (bytes % kSector)
		return -1;
	disk.assign(img, img + bytes);
	return 0;
}

extern "C" const uint8_t *dev_host_disk(size_t *bytes)
{
	*bytes = disk.size();
	return disk.data();
}

// Bytes packed little-endian from bit 0 of a DPI bit vector (32-bit words, word 0 first).
static void put_bytes(svBitVecVal *w, unsigned words, const char *b, size_t n)
{
	std::memset(w, 0, words * sizeof *w);
	for (size_t i = 0; i < n && i < words * 4; i++)
		w[i / 4] |= (svBitVecVal)(uint8_t)b[i] << (8 * (i % 4));
}

extern "C" void tess_dev_con_write(long long cycle, int src, int nbytes, const svBitVecVal *b)
{
	char buf[60];
	int n = nbytes < 60 ? nbytes : 60;
	for (int i = 0; i < n; i++)
		buf[i] = (char)(b[i / 4] >> (8 * (i % 4)));
	if (out_fn)
		out_fn(out_ctx, (uint64_t)cycle, (uint32_t)src, buf, (uint32_t)n);
}

extern "C" int tess_dev_con_read(int maxbytes, svBitVecVal *b)
{
	size_t n = input.size() - input_at;
	if (n > (size_t)maxbytes)
		n = (size_t)maxbytes;
	put_bytes(b, 15, input.data() + input_at, n);
	input_at += n;
	return (int)n;
}

extern "C" unsigned tess_dev_blk_sectors() { return (unsigned)(disk.size() / kSector); }

extern "C" void tess_dev_blk_read(unsigned lba, svBitVecVal *d)
{
	put_bytes(d, 8, reinterpret_cast<const char *>(disk.data()) + (size_t)lba * kSector, kSector);
}

extern "C" void tess_dev_blk_write(unsigned lba, const svBitVecVal *d)
{
	for (size_t i = 0; i < kSector; i++)
		disk[(size_t)lba * kSector + i] = (uint8_t)(d[i / 4] >> (8 * (i % 4)));
}

extern "C" void tess_dev_blk_flush() {}
