"""`guidegen publish`: the last successful build's website, to a folder, a git branch or a
GitHub Actions workflow. Nothing here builds: publishing refuses a build that no longer
matches the guide, so what goes online is always what `guidegen build` checked."""
