// publish_batch as a program that links the library meets it: by default
// every document runs in the caller's thread (no fork, no signal handler
// touched); a ProcessPool is used only when the caller hands one over, and
// stopping is the caller's decision (stop_requested), not a signal handler
// the library installs.
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "allies/process_pool.hpp"
#include "allies/publish.hpp"
#include "allies/redact.hpp"

namespace fs = std::filesystem;

namespace {

std::atomic<int> g_forks{0};
void count_fork() { ++g_forks; }

const fs::path kSample = fs::path(ALLIES_SOURCE_DIR) / "samples" / "meeting-notes.docx";
const fs::path kRoster = fs::path(ALLIES_SOURCE_DIR) / "samples" / "roster.txt";

class BatchRunner : public ::testing::Test {
protected:
    void SetUp() override {
        static bool registered = (::pthread_atfork(count_fork, nullptr, nullptr) == 0);
        ASSERT_TRUE(registered);
        dir_ = fs::temp_directory_path() / ("allies-batch-runner-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        for (int i = 0; i < 3; ++i) {
            fs::create_directories(dir_ / "in");
            fs::copy_file(kSample, dir_ / "in" / ("n" + std::to_string(i) + ".docx"));
        }
        options_.redact.roster = allies::Roster::load(kRoster.string());
        options_.hash_key = std::string(32, 'k');
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
    allies::PublishOptions options_;
};

TEST_F(BatchRunner, ByDefaultEveryDocumentRunsInTheCallersThreadWithoutForkOrSignals) {
    struct sigaction before {};
    ASSERT_EQ(::sigaction(SIGINT, nullptr, &before), 0);
    const int forks = g_forks;
    const pid_t me = ::getpid();
    allies::BatchOptions batch;
    int seen = 0;
    bool handler_untouched = true;
    batch.on_result = [&](const allies::DocumentResult& r, std::size_t, std::size_t) {
        ++seen;
        EXPECT_EQ(r.status, allies::DocStatus::published) << r.error;
        struct sigaction now {};
        ::sigaction(SIGINT, nullptr, &now);
        handler_untouched = handler_untouched && now.sa_handler == before.sa_handler;
        EXPECT_EQ(::getpid(), me);
    };
    auto inputs = allies::collect_inputs({(dir_ / "in").string()});
    allies::BatchRun run = allies::publish_batch(inputs, (dir_ / "out").string(), options_, batch);
    EXPECT_EQ(seen, 3);
    EXPECT_EQ(run.documents.size(), 3u);
    EXPECT_TRUE(handler_untouched);
    EXPECT_EQ(g_forks, forks) << "publish_batch forked without a ProcessPool";
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(fs::exists(dir_ / "out" / ("n" + std::to_string(i) + ".pdf")));
}

TEST_F(BatchRunner, AProcessPoolForksWorkersAndStopRequestedStopsTheRun) {
    const int forks = g_forks;
    allies::ProcessPool pool({.jobs = 1, .timeout_seconds = 600});
    allies::BatchOptions batch;
    batch.runner = &pool;
    int results = 0;
    batch.on_result = [&](const allies::DocumentResult&, std::size_t, std::size_t) { ++results; };
    batch.stop_requested = [&] { return results >= 1; };  // the caller decides: after the first document
    auto inputs = allies::collect_inputs({(dir_ / "in").string()});
    allies::BatchRun run = allies::publish_batch(inputs, (dir_ / "out").string(), options_, batch);
    EXPECT_GT(g_forks, forks);
    EXPECT_TRUE(run.interrupted);
    ASSERT_GE(run.documents.size(), 1u);
    EXPECT_EQ(run.documents[0].status, allies::DocStatus::published) << run.documents[0].error;
    EXPECT_EQ(run.documents.size() + run.not_started, 3u);
    for (std::size_t i = 1; i < run.documents.size(); ++i) EXPECT_EQ(run.documents[i].error_kind, allies::ErrorKind::stopped);
    for (const auto& e : fs::directory_iterator(dir_)) EXPECT_EQ(e.path().filename().string().find("staging"), std::string::npos);
}

// A runner of the caller's own (a thread pool, a queue to other machines):
// the batch gives it staging folders outside OUTDIR and takes its results.
TEST_F(BatchRunner, ACallersOwnRunnerGetsStagingOutsideTheOutputFolder) {
    struct Recorder final : allies::DocumentRunner {
        std::vector<std::string> staging;
        std::vector<std::pair<std::size_t, allies::DocumentResult>> done;
        std::size_t slots() const override { return 2; }
        void start(std::size_t id, const allies::BatchInput& in, const std::string& dir,
                   const allies::PublishOptions& o) override {
            staging.push_back(dir);
            done.emplace_back(id, allies::publish_document(in.path, in.stem, dir, o));
        }
        std::vector<std::pair<std::size_t, allies::DocumentResult>> finished(int) override { return std::exchange(done, {}); }
        void stop_all() override {}
    } recorder;
    allies::BatchOptions batch;
    batch.runner = &recorder;
    auto inputs = allies::collect_inputs({(dir_ / "in").string()});
    allies::BatchRun run = allies::publish_batch(inputs, (dir_ / "out").string(), options_, batch);
    ASSERT_EQ(recorder.staging.size(), 3u);
    const fs::path out = fs::weakly_canonical(dir_ / "out");
    for (const auto& s : recorder.staging) {
        fs::path rel = fs::path(s).lexically_relative(out);
        EXPECT_TRUE(rel.empty() || *rel.begin() == "..") << s;
    }
    for (const auto& d : run.documents) EXPECT_EQ(d.status, allies::DocStatus::published) << d.error;
}

}  // namespace
