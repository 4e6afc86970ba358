# Part 1 as a function per step, the loop inside a function; prints nothing.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(data, w):
    return sigmoid(np.dot(data, w))


def delta(target, out):
    return (target - out) * out * (1 - out)


def update(w, data, d):
    return w + data.T.dot(d)


def fit(data, target, n):
    np.random.seed(1)
    w = 2 * np.random.random((3, 1)) - 1
    for _ in range(n):
        out = forward(data, w)
        w = update(w, data, delta(target, out))
    return w, out


X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0, 0, 1, 1]]).T
trained, last = fit(X, y, 10000)
