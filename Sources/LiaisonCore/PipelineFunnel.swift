import Foundation

/// The pipeline as a funnel: how many prospects stand at each stage in each region, how many of those that
/// reached a stage went on to the next, and how long a stay at each stage lasts.
public struct PipelineFunnel: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var stage: PipelineStage
        /// Prospects at this stage now, by region key ("" for none); `total` is their sum.
        public var byRegion: [String: Int]
        public var total: Int
        /// Prospects that ever reached this stage or a later one on the way forward (nil for declined).
        public var reached: Int?
        /// Of those, the share that reached the next stage, 0 to 1; nil where nothing reached this one.
        public var conversion: Double?
        /// The median number of days a stay at this stage lasted, over the stays that ended.
        public var medianDays: Double?
    }

    public var rows: [Row]
    public var total: Int

    /// One prospect's moves, oldest first, with its region and stage now.
    public struct Path: Sendable, Hashable {
        public var region: String
        public var stage: PipelineStage
        public var moves: [(stage: PipelineStage, day: Int)]

        public init(region: String, stage: PipelineStage, moves: [(stage: PipelineStage, day: Int)]) {
            self.region = region
            self.stage = stage
            self.moves = moves
        }

        public static func == (lhs: Path, rhs: Path) -> Bool {
            lhs.region == rhs.region && lhs.stage == rhs.stage
                && lhs.moves.map(\.stage) == rhs.moves.map(\.stage) && lhs.moves.map(\.day) == rhs.moves.map(\.day)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(region)
            hasher.combine(stage)
            hasher.combine(moves.map(\.day))
        }
    }

    public init(paths: [Path]) {
        var counts: [PipelineStage: [String: Int]] = [:]
        var reached: [PipelineStage: Int] = [:]
        var stays: [PipelineStage: [Int]] = [:]
        for path in paths {
            counts[path.stage, default: [:]][path.region, default: 0] += 1
            // The furthest point forward it ever stood at counts for every stage before it.
            let furthest = path.moves.compactMap { PipelineStage.forward.firstIndex(of: $0.stage) }.max()
            if let furthest {
                for stage in PipelineStage.forward[...furthest] { reached[stage, default: 0] += 1 }
            }
            for (move, next) in zip(path.moves, path.moves.dropFirst()) {
                stays[move.stage, default: []].append(max(0, next.day - move.day))
            }
        }
        rows = PipelineStage.allCases.map { stage in
            let byRegion = counts[stage] ?? [:]
            let reachedHere = stage == .declined ? nil : reached[stage] ?? 0
            var conversion: Double?
            if let reachedHere, reachedHere > 0, let next = stage.next {
                conversion = Double(reached[next] ?? 0) / Double(reachedHere)
            }
            return Row(
                stage: stage, byRegion: byRegion, total: byRegion.values.reduce(0, +), reached: reachedHere,
                conversion: conversion, medianDays: Self.median(stays[stage] ?? []))
        }
        total = paths.count
    }

    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
}
