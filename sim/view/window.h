/* The SDL2 window of tessera view (window.c). */
#ifndef TESS_VIEW_WINDOW_H
#define TESS_VIEW_WINDOW_H

#include "view.h"

/* Open a w x h window and run the viewer until it is closed or q is pressed; the
 * script (may be NULL) is played one command per frame. Returns an exit status. */
int view_window(view *v, int w, int h, const char *script);

#endif
