/* libexpat is built with XML_DTD (Debian, Homebrew); expat.h declares the billion-laughs protection API
   (XML_SetBillionLaughsAttackProtection*) only when it is defined, and the SIE 5 reader sets those limits. */
#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <expat.h>
