#pragma once
// Symbols are hidden by default (-fvisibility=hidden); the public API is
// marked with ALLIES_API.
#define ALLIES_API __attribute__((visibility("default")))
