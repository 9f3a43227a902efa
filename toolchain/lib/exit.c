/* _exit: the end of exit() (picolibc), and of every program. */
#include "tess.h"

void _exit(int status)
{
	tess_console_flush();
	tess_exit((uint32_t)status);
}
