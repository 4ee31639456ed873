// A test fixture for running a command-line tool as a user would: a fresh
// folder per test, stdout and stderr captured, the exit code decoded.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace allies::testing {

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Standard output of a shell command (for reference tools such as pdftotext).
inline std::string run_shell(const std::string& command) {
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
        ::pclose(pipe);
    }
    return out;
}

struct Result {
    int code = -1;
    std::string out, err;
};

class ToolTest : public ::testing::Test {
protected:
    explicit ToolTest(std::string binary, std::string prefix) : binary_(std::move(binary)), prefix_(std::move(prefix)) {}

    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               (prefix_ + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path write(const std::string& name, const std::string& bytes) {
        auto p = dir_ / name;
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }

    // Runs the tool through the shell with stdout/stderr captured.
    Result run(const std::string& args, const std::string& stdin_file = "") {
        auto out = dir_ / "stdout", err = dir_ / "stderr";
        std::string cmd = binary_ + " " + args + " >" + out.string() + " 2>" + err.string();
        if (!stdin_file.empty()) cmd += " <" + stdin_file;
        int status = std::system(cmd.c_str());
        Result r;
        r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        r.out = slurp(out);
        r.err = slurp(err);
        return r;
    }

    std::filesystem::path dir_;

private:
    std::string binary_, prefix_;
};

}  // namespace allies::testing
