// The process runner of publish_batch: each document is published in its
// own worker process, at most `jobs` at a time. A document that crashes,
// hangs or exhausts memory takes only its worker down, and memory goes back
// to the system after each one. allies-publish uses it; a program that
// links the library uses it only if it asks for it:
//
//   allies::ProcessPool pool({.jobs = 4, .timeout_seconds = 600});
//   allies::BatchOptions batch;  batch.runner = &pool;
//   auto run = allies::publish_batch(inputs, "public/", options, batch);
//
// What it does to the calling process, and only while it exists: it forks
// (after loading the fonts, so workers start warm); its workers ignore
// SIGINT (a terminal's Ctrl-C reaches the whole process group; the caller
// decides, through BatchOptions::stop_requested) and are killed when the
// caller dies (PR_SET_PDEATHSIG). It installs no signal handler in the
// caller. Its destructor kills and reaps any worker still running.
// Not thread-safe: one pool, one batch at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "allies/export.hpp"
#include "allies/publish.hpp"

namespace allies {

struct ProcessPoolOptions {
    int jobs = 0;                   // worker processes at once; 0 = number of cores
    double timeout_seconds = 600;   // per document; a worker over it is killed (ErrorKind::timed_out)
};

class ALLIES_API ProcessPool final : public DocumentRunner {
public:
    explicit ProcessPool(ProcessPoolOptions options = {});
    ~ProcessPool() override;
    ProcessPool(const ProcessPool&) = delete;
    ProcessPool& operator=(const ProcessPool&) = delete;

    std::size_t slots() const override;
    void start(std::size_t id, const BatchInput& input, const std::string& staging,
               const PublishOptions& options) override;
    std::vector<std::pair<std::size_t, DocumentResult>> finished(int wait_ms) override;
    void stop_all() override;

private:
    struct Worker;
    ProcessPoolOptions options_;
    std::vector<Worker> workers_;  // running; erased by index, never referenced across an erase
};

}  // namespace allies
